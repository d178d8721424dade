import { getRssString, type RSSFeedItem, type RSSOptions } from '@astrojs/rss';
import { formatDateTime } from '../format/date.js';
import { NATURE_LABELS, PROCEDURE_LABELS } from '../format/labels.js';
import type { Notice } from '../hub/types.js';
import { latestPublished } from '../notices/lifecycle.js';
import { absoluteUrl, noticePath } from '../notices/paths.js';
import { xmlDocument } from './xml-text.js';
import { textResponse } from '../http/text-response.js';

/** A feed of new notices keeps the latest ones: readers poll it, they do not page through it. */
export const FEED_SIZE = 50;

export function noticeFeedItem(notice: Notice, siteUrl: string): RSSFeedItem {
  const link = absoluteUrl(noticePath(notice.reference), siteUrl);
  const description = [
    `${notice.organisation.name} — ${NATURE_LABELS[notice.nature]}, ${PROCEDURE_LABELS[notice.procedure]}.`,
    `Date limite de remise des offres : ${formatDateTime(notice.submissionDeadline)}.`,
    notice.description,
  ].join(' ');
  return {
    title: `${notice.title} (${notice.reference})`,
    link,
    pubDate: new Date(notice.publishedAt ?? notice.updatedAt),
    description,
    categories: [NATURE_LABELS[notice.nature], ...(notice.family ? [notice.family.name] : [])],
  };
}

/** Options for @astrojs/rss: the latest notices published in a selection, newest first. */
export function noticeFeed(
  notices: readonly Notice[],
  { title, description, siteUrl }: { title: string; description: string; siteUrl: string },
): RSSOptions {
  return {
    title,
    description,
    site: siteUrl,
    items: latestPublished(notices, FEED_SIZE).map((n) => noticeFeedItem(n, siteUrl)),
    customData: '<language>fr-FR</language>',
    trailingSlash: true,
  };
}

/** The feed as the page answers it: RSS 2.0, with only characters XML allows whatever the hub stored. */
export async function rssResponse(options: RSSOptions): Promise<Response> {
  return textResponse(xmlDocument(await getRssString(options)), 'application/rss+xml; charset=utf-8');
}
