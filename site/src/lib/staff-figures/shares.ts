// Aggregates about staff (who was trained, who signed the charter) published without describing anyone: an
// organisation with one or two staff accounts would give away a named person's answer, so its figures are withheld.

/** Below this many staff accounts, an organisation's figures are not published. */
export const MIN_PUBLISHED_HEADCOUNT = 3;

export interface OrganisationRef {
  slug: string;
  name: string;
  kind: string;
}

/** How many of `headcount` staff did the thing (`count`), and the share the hub computed (0 to 1). */
export interface StaffFigure {
  headcount: number;
  count: number;
  share: number;
}

export interface OrganisationFigure extends StaffFigure {
  organisation: OrganisationRef;
}

/**
 * `small`: the organisation has too few staff accounts; `complementary`: its own figures could be published, but
 * with the territory's total they would give away those of the small organisations.
 */
export type MaskReason = 'small' | 'complementary';

export type PublishedFigure = ({ published: true } & StaffFigure) | { published: false; reason: MaskReason };
export type PublishedOrganisationFigure = PublishedFigure & { organisation: OrganisationRef };

export const MASK_REASON_LABELS: Record<MaskReason, string> = {
  small: 'effectif trop faible pour être publié',
  complementary: 'non publié : avec le total, il permettrait de déduire les chiffres des organisations à faible effectif',
};

const byName = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** The territory's total, withheld like an organisation's when it would describe one or two people. */
export function publishableTotal(total: StaffFigure, min = MIN_PUBLISHED_HEADCOUNT): PublishedFigure {
  return total.headcount < min ? { published: false, reason: 'small' } : { published: true, ...total };
}

/**
 * Each organisation's figures, or why they are withheld, in the given order. Organisations under `min` staff
 * accounts are withheld; then, while the withheld ones add up to fewer than `min` accounts (the total minus the
 * published rows would describe them), the smallest published organisation is withheld too.
 */
export function publishableOrganisations(
  rows: readonly OrganisationFigure[],
  min = MIN_PUBLISHED_HEADCOUNT,
): PublishedOrganisationFigure[] {
  const reasons = new Map<OrganisationFigure, MaskReason>();
  let withheldHeadcount = 0;
  for (const row of rows) {
    if (row.headcount < min) {
      reasons.set(row, 'small');
      withheldHeadcount += row.headcount;
    }
  }
  const candidates = rows
    .filter((row) => !reasons.has(row))
    .sort((a, b) => a.headcount - b.headcount || byName.compare(a.organisation.name, b.organisation.name));
  for (const candidate of candidates) {
    if (withheldHeadcount === 0 || withheldHeadcount >= min) break;
    reasons.set(candidate, 'complementary');
    withheldHeadcount += candidate.headcount;
  }
  return rows.map((row) => {
    const reason = reasons.get(row);
    return reason
      ? { organisation: row.organisation, published: false, reason }
      : { organisation: row.organisation, published: true, headcount: row.headcount, count: row.count, share: row.share };
  });
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
