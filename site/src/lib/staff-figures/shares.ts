// Aggregates about staff (who was trained, who signed the charter) published without describing anyone: an
// organisation with one or two staff accounts, or one where no one or everyone did it, would give away a named
// person's answer, so its figures are withheld, and so is the territory's total when, minus the published rows, it
// would give away a withheld one. The hub withholds them in its public API (packages/hub/src/staff-figures); the
// site shows what it decided.
import { HubError } from '../hub/client.js';
import type * as Hub from '../hub/schema.generated.js';

/** Below this many staff accounts, an organisation's figures are not published (the hub's rule; the page's note says it). */
export const MIN_PUBLISHED_HEADCOUNT = 3;

/** The organisation of a row, as the trainings and charter documents ask for it. */
export type OrganisationRef = Pick<Hub.Organisation, 'slug' | 'name' | 'kind'>;

/** How many of `headcount` staff did the thing (`count`), and the share the hub computed (0 to 1). */
export interface StaffFigure {
  headcount: number;
  count: number;
  share: number;
}

/**
 * `small`: too few staff accounts; `all-or-none`: no one or everyone of them did it, which would describe each;
 * `complementary`: published with the other figures, it would give away those of a withheld organisation.
 */
export type MaskReason = 'small' | 'all-or-none' | 'complementary';

export type PublishedFigure = ({ published: true } & StaffFigure) | { published: false; reason: MaskReason };
export type PublishedOrganisationFigure = PublishedFigure & { organisation: OrganisationRef };

export const MASK_REASON_LABELS: Record<MaskReason, string> = {
  small: 'effectif trop faible pour être publié',
  'all-or-none': 'non publié : le chiffre vaudrait pour chaque agent (tous ou aucun)',
  complementary: 'non publié : avec les chiffres publiés, ce total permettrait de retrouver ceux d’une organisation non publiée',
};

/** Why the hub withheld a figure: its `StaffFiguresWithheldReason`. */
export type HubWithheldReason = Hub.StaffFiguresWithheldReason;

/** A figure as the hub's public API gives it: every value, or none of them and why. */
export interface HubStaffFigure {
  withheld: HubWithheldReason | null;
  headcount: number | null;
  count: number | null;
  share: number | null;
}

/** What the tables and summaries show: the territory's total and each organisation's row, in the hub's order. */
export interface PublishedStaffFigures {
  territory: PublishedFigure;
  organisations: PublishedOrganisationFigure[];
}

const MASK_REASONS: Record<HubWithheldReason, MaskReason> = { SMALL: 'small', ALL_OR_NONE: 'all-or-none', COMPLEMENTARY: 'complementary' };

/**
 * The hub decides what is withheld (it applies the rule to every client of its public API, so the site does not
 * apply it a second time, which could drift). The site only refuses, leaving the section out of the site with a
 * notice (src/lib/build-report.ts), a figure the hub would
 * publish below MIN_PUBLISHED_HEADCOUNT accounts, or of which no one or everyone did it: the page's note promises
 * both, and a hub answering otherwise (another version, a bug) must not put one person's answer on the site.
 */
export function publishedFigure(figure: HubStaffFigure, what: string): PublishedFigure {
  if (figure.withheld !== null) {
    const reason = MASK_REASONS[figure.withheld];
    if (!reason) throw new HubError(`${what}: the hub withholds the figures for a reason the site does not know (${String(figure.withheld)})`, { dataRefused: true });
    return { published: false, reason };
  }
  const { headcount, count, share } = figure;
  if (headcount === null || count === null || share === null) throw new HubError(`${what}: the hub gives no figures and no reason to withhold them`, { dataRefused: true });
  if (headcount < MIN_PUBLISHED_HEADCOUNT) {
    throw new HubError(`${what}: the hub publishes the figures of ${headcount} staff accounts, under the site's threshold of ${MIN_PUBLISHED_HEADCOUNT}`, { dataRefused: true });
  }
  if (count <= 0 || count >= headcount) {
    throw new HubError(`${what}: the hub publishes that ${count === 0 ? 'no one' : 'everyone'} of ${headcount} staff accounts did it, which describes each of them`, {
      dataRefused: true,
    });
  }
  return { published: true, headcount, count, share };
}

export function publishedStaffFigures(total: HubStaffFigure, organisations: ReadonlyArray<HubStaffFigure & { organisation: OrganisationRef }>): PublishedStaffFigures {
  return {
    territory: publishedFigure(total, 'the territory’s total'),
    organisations: organisations.map((row) => ({ organisation: row.organisation, ...publishedFigure(row, row.organisation.name) })),
  };
}

/**
 * 0.875 → « 88 % » (whole percents, narrow no-break space). A share that is not exactly 0 or 1 never reads as
 * « 0 % » or « 100 % »: « 100 % » would tell that everyone signed when someone has not.
 */
export function formatShare(share: number): string {
  if (!Number.isFinite(share) || share < 0 || share > 1) throw new RangeError(`not a share between 0 and 1: ${share}`);
  let percent = Math.round(share * 100);
  if (percent === 100 && share < 1) percent = 99;
  if (percent === 0 && share > 0) percent = 1;
  return `${percent}\u202f%`;
}

const frenchCount = new Intl.NumberFormat('fr-FR');

/** 1234 → « 1 234 » */
export function formatCount(count: number): string {
  return frenchCount.format(count);
}
