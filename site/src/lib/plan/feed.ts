import type { RSSFeedItem, RSSOptions } from '@astrojs/rss';
import { NATURE_LABELS, PROCEDURE_LABELS } from '../format/labels.js';
import { FEED_SIZE } from '../feeds/rss.js';
import { absoluteUrl } from '../notices/paths.js';
import { quarterLabel } from './plan-catalogue.js';
import { plannedPurchasePath } from './paths.js';
import type { PlannedPurchase } from './types.js';
import { amountBandText } from './wording.js';

export function planFeedItem(plan: PlannedPurchase, siteUrl: string): RSSFeedItem {
  return {
    title: `${plan.subject} (${plan.reference})`,
    link: absoluteUrl(plannedPurchasePath(plan.reference), siteUrl),
    pubDate: new Date(plan.publishedAt ?? plan.updatedAt),
    description: [
      `${plan.organisation.name} — ${NATURE_LABELS[plan.nature]}, lancement prévu au ${quarterLabel(plan.launchYear, plan.launchQuarter)}.`,
      `Montant estimé : ${amountBandText(plan)}. Procédure envisagée : ${PROCEDURE_LABELS[plan.procedure]}.`,
      plan.description,
    ].join(' '),
    categories: ['Programmation prévisionnelle', NATURE_LABELS[plan.nature], ...(plan.family ? [plan.family.name] : [])],
  };
}

/** The latest announcements of the plan (published or launched lines), newest first: readers poll it. */
export function planFeed(plans: readonly PlannedPurchase[], { title, description, siteUrl }: { title: string; description: string; siteUrl: string }): RSSOptions {
  const latest = plans
    .filter((plan) => plan.status !== 'WITHDRAWN' && plan.publishedAt)
    .sort((a, b) => Date.parse(b.publishedAt!) - Date.parse(a.publishedAt!) || (a.reference < b.reference ? -1 : 1))
    .slice(0, FEED_SIZE);
  return {
    title,
    description,
    site: siteUrl,
    items: latest.map((plan) => planFeedItem(plan, siteUrl)),
    customData: '<language>fr-FR</language>',
    trailingSlash: true,
  };
}
