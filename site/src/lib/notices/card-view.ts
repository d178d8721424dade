import { formatDateTime, formatDaysLeft, formatShortDate } from '../format/date.js';
import { formatEuros } from '../format/money.js';
import { NATURE_LABELS, PROCEDURE_LABELS, RESERVATION_LABELS, STATUS_LABELS } from '../format/labels.js';
import type { Notice } from '../hub/types.js';
import type { Catalogue } from './catalogue.js';
import type { CardContent } from './card-html.js';
import { atPlace } from './facet-labels.js';
import type { NoticeFacets } from './filters.js';
import { publicStatus, type PublicStatus } from './lifecycle.js';
import { noticePath } from './paths.js';

/** Everything a notice card shows, worked out once per notice although the card appears on several pages. */
export interface NoticeCardView extends CardContent {
  reference: string;
  title: string;
  href: string;
  status: PublicStatus;
  statusLabel: string;
  open: boolean;
  /** "Réf. … · buyer · à commune · nature · procedure", without the reference */
  meta: string;
  deadlineIso: string;
  deadlineText: string;
  /** "14 décembre 2026", for tables */
  deadlineShortText: string;
  /** only for open notices: the deadline script keeps it up to date in the browser */
  daysLeftText: string | null;
  clauses: string[];
  facets: NoticeFacets;
}

export const STATUS_MODIFIERS = {
  PUBLISHED: 'open',
  CLOSED: 'closed',
  AWARDED: 'awarded',
  UNSUCCESSFUL: 'unsuccessful',
  CANCELLED: 'cancelled',
} as const satisfies Record<PublicStatus, string>;

/** "Rectifié le 3 décembre 2026" (the latest correction) for a notice corrected after publication, else null. */
export function correctedText(notice: Pick<Notice, 'corrigenda'>): string | null {
  const latest = notice.corrigenda.map((corrigendum) => corrigendum.publishedAt).sort().at(-1);
  return latest === undefined ? null : `Rectifié le ${formatShortDate(latest)}`;
}

let views = new WeakMap<Notice, NoticeCardView>();

/**
 * Forgets every card view made so far. A full build draws every notice's card (several times: the open lists, the
 * facet pages, the buyers' and families' pages), which the views kept save; the publisher's renderer then holds
 * them for days (about 27 MB at 50,000 notices) while a publication draws a few hundred cards. It forgets them once
 * the full build is done; each release then keeps only the views of the cards it draws.
 */
export function forgetCardViews(): void {
  views = new WeakMap();
}

export function noticeCardView(notice: Notice, catalogue: Catalogue): NoticeCardView {
  let view = views.get(notice);
  if (view) return view;
  const status = publicStatus(notice, catalogue.builtAt);
  const open = status === 'PUBLISHED';
  const commune = catalogue.communeOf(notice);
  const deadline = notice.submissionDeadline;
  view = {
    reference: notice.reference,
    title: notice.title,
    href: noticePath(notice.reference),
    status,
    statusModifier: STATUS_MODIFIERS[status],
    statusLabel: STATUS_LABELS[status],
    open,
    meta: [
      notice.organisation.name,
      ...(commune && commune.name !== notice.organisation.name ? [atPlace(commune.name)] : []),
      NATURE_LABELS[notice.nature],
      PROCEDURE_LABELS[notice.procedure],
    ].join(' · '),
    deadlineIso: new Date(deadline).toISOString(),
    deadlineText: formatDateTime(deadline),
    deadlineShortText: formatShortDate(deadline),
    daysLeftText: open ? formatDaysLeft(deadline, catalogue.builtAt) : null,
    valueText: notice.estimatedValue === null ? null : `${formatEuros(notice.estimatedValue)} HT`,
    correctedText: correctedText(notice),
    clauses: [
      ...(notice.socialClause ? ['Clause sociale'] : []),
      ...(notice.environmentalClause ? ['Clause environnementale'] : []),
      ...(notice.reservedFor !== 'NONE' ? [RESERVATION_LABELS[notice.reservedFor]] : []),
    ],
    facets: catalogue.facetsOf(notice),
  };
  views.set(notice, view);
  return view;
}
