import { formatDateTime, formatDaysLeft } from '../format/date.js';
import { STATUS_LABELS } from '../format/labels.js';
import { FILTER_FACETS, type NoticeFacets } from './filters.js';
import { noticePath } from './paths.js';

// The markup of a notice card, as one pure function: the build writes it into every list page, and the filter
// script writes the same markup in the browser from the compact data of a facet (`OpenCardData`), so a filtered
// list looks exactly like a static one.

/** What a card shows, whatever built it (the build's `NoticeCardView`, or a row of a facet's JSON in the browser). */
export interface CardContent {
  reference: string;
  title: string;
  href: string;
  statusModifier: string;
  statusLabel: string;
  open: boolean;
  meta: string;
  deadlineIso: string;
  deadlineText: string;
  daysLeftText: string | null;
  /** "230 000 € HT"; null when the buyer does not publish it */
  valueText: string | null;
  /** "Rectifié le 3 décembre 2026" for a notice corrected after publication, else null */
  correctedText: string | null;
  clauses: string[];
  facets: NoticeFacets;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

export function noticeCardHtml(card: CardContent, headingLevel: 2 | 3 = 3): string {
  const attr = (name: string, value: string) => ` ${name}="${escapeHtml(value)}"`;
  const facets = FILTER_FACETS.map((facet) => attr(`data-${facet}`, card.facets[facet] ?? '')).join('');
  const clauses =
    card.clauses.length === 0
      ? ''
      : `<ul class="badges" aria-label="Clauses">${card.clauses
          .map((clause) => `<li class="badge badge--clause">${escapeHtml(clause)}</li>`)
          .join('')}</ul>`;
  const daysLeft = card.daysLeftText ? ` (<span data-days-left>${escapeHtml(card.daysLeftText)}</span>)` : '';
  // Beside the deadline: a correction often moves it, and a supplier must not miss that the notice changed.
  const corrected = card.correctedText ? ` <span class="badge badge--corrected" data-corrected>${escapeHtml(card.correctedText)}</span>` : '';
  const value = card.valueText ? `<p class="notice-card__value">Valeur estimée : ${escapeHtml(card.valueText)}</p>` : '';
  return (
    `<li class="notice-card"${attr('data-notice', card.reference)}${card.open ? attr('data-deadline', card.deadlineIso) : ''}${facets}>` +
    `<span class="badge badge--${card.statusModifier}"${card.open ? ' data-status-badge' : ''}>${escapeHtml(card.statusLabel)}</span>` +
    `<h${headingLevel}><a${attr('href', card.href)}>${escapeHtml(card.title)}</a></h${headingLevel}>` +
    `<p class="notice-card__meta"><span class="reference">Réf. ${escapeHtml(card.reference)}</span> · ${escapeHtml(card.meta)}</p>` +
    `<p class="notice-card__deadline">Date limite de remise des offres : <time${attr('datetime', card.deadlineIso)}>${escapeHtml(card.deadlineText)}</time>${daysLeft}${corrected}</p>` +
    value +
    clauses +
    `</li>`
  );
}

/**
 * One open notice in a facet's JSON file, as an array to keep the file small:
 * [reference, title, meta, deadline (ISO), clauses, commune, famille, nature, procedure, value, corrected].
 */
export type OpenCardData = [
  string,
  string,
  string,
  string,
  string[],
  string | null,
  string | null,
  string,
  string,
  string | null,
  string | null,
];

export function openCardData(card: CardContent): OpenCardData {
  const { commune, famille, nature, procedure } = card.facets;
  return [
    card.reference,
    card.title,
    card.meta,
    card.deadlineIso,
    card.clauses,
    commune,
    famille,
    nature as string,
    procedure as string,
    card.valueText,
    card.correctedText,
  ];
}

/** The card of an open notice from its compact data, with the days left counted from `now` (the visitor's clock). */
export function cardFromData(data: OpenCardData, now: Date): CardContent {
  const [reference, title, meta, deadlineIso, clauses, commune, famille, nature, procedure, valueText, correctedText] = data;
  return {
    reference,
    title,
    href: noticePath(reference),
    statusModifier: 'open',
    statusLabel: STATUS_LABELS.PUBLISHED,
    open: true,
    meta,
    deadlineIso,
    deadlineText: formatDateTime(deadlineIso),
    daysLeftText: formatDaysLeft(deadlineIso, now),
    // A page cached from before these fields existed sends nine.
    valueText: valueText ?? null,
    correctedText: correctedText ?? null,
    clauses,
    facets: { commune, famille, nature, procedure },
  };
}
