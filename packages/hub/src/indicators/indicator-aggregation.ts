import type { IndicatorAward, IndicatorLot, IndicatorNotice, IndicatorOptions, IndicatorScope } from './indicator-records.js';
import { targetFor } from './indicator-targets.js';

export interface NoticeShare {
  noticeCount: number;
  /** Null when no notice is counted. */
  noticeShare: number | null;
  amount: number;
  /** Null when nothing is awarded. */
  amountShare: number | null;
}

export interface AmountShare {
  amount: number;
  share: number | null;
}

export interface Sustainability {
  environmental: NoticeShare;
  social: NoticeShare;
  reserved: NoticeShare;
  /** At least one of the three. */
  sustainable: NoticeShare;
  target: number;
  /** The share of sustainable notices reaches the target; null without notices. */
  meetsTarget: boolean | null;
}

export interface Savings {
  lotCount: number;
  estimatedAmount: number;
  awardedAmount: number;
  savedAmount: number;
  /** Saved ÷ estimated; null when nothing is estimated. */
  rate: number | null;
}

export interface Breakdown {
  key: string | null;
  label: string;
  noticeCount: number;
  awardedAmount: number;
}

export interface FamilyFigures extends Breakdown {
  sustainability: Sustainability;
  savings: Savings;
}

export interface Indicators {
  scope: IndicatorScope;
  noticeCount: number;
  awardedLotCount: number;
  awardedAmount: number;
  sustainability: Sustainability;
  suppliers: { sme: AmountShare; territory: AmountShare; departement: AmountShare };
  savings: Savings;
  byCommune: Breakdown[];
  byNature: Breakdown[];
  byProcedure: Breakdown[];
  byFamily: FamilyFigures[];
}

interface AwardedLot {
  notice: IndicatorNotice;
  lot: IndicatorLot;
  award: IndicatorAward & { amount: number };
}

/** Sums of doubles rounded to the cent, so figures read as the amounts people typed. */
const cents = (value: number) => Math.round(value * 100) / 100;
const sum = (values: number[]) => cents(values.reduce((total, value) => total + value, 0));
const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const yearOf = (date: string) => Number(date.slice(0, 4));

const CRITERIA = {
  environmental: (notice: IndicatorNotice) => notice.environmentalClause,
  social: (notice: IndicatorNotice) => notice.socialClause,
  reserved: (notice: IndicatorNotice) => notice.reserved,
  sustainable: (notice: IndicatorNotice) => notice.environmentalClause || notice.socialClause || notice.reserved,
};

function inScope(notice: IndicatorNotice, scope: IndicatorScope): boolean {
  return (
    (scope.organisationSiren === null || notice.organisationSiren === scope.organisationSiren) &&
    (scope.familySlug === null || notice.familySlug === scope.familySlug)
  );
}

/** Notices counted for the year: published in it, not cancelled. */
function countedNotices(notices: IndicatorNotice[], year: number | null): IndicatorNotice[] {
  return notices.filter((notice) => !notice.cancelled && (year === null || yearOf(notice.publishedOn) === year));
}

/** Lots awarded in the year with a known amount. */
function awardedLots(notices: IndicatorNotice[], year: number | null): AwardedLot[] {
  return notices.flatMap((notice) =>
    notice.lots.flatMap((lot) => {
      const award = lot.award;
      if (!award || award.amount === null || (year !== null && yearOf(award.awardedOn) !== year)) return [];
      return [{ notice, lot, award: { ...award, amount: award.amount } }];
    }),
  );
}

function noticeShare(notices: IndicatorNotice[], awarded: AwardedLot[], test: (notice: IndicatorNotice) => boolean): NoticeShare {
  const noticeCount = notices.filter(test).length;
  const amount = sum(awarded.filter((entry) => test(entry.notice)).map((entry) => entry.award.amount));
  return {
    noticeCount,
    noticeShare: ratio(noticeCount, notices.length),
    amount,
    amountShare: ratio(amount, sum(awarded.map((entry) => entry.award.amount))),
  };
}

function sustainability(notices: IndicatorNotice[], awarded: AwardedLot[], target: number): Sustainability {
  const sustainable = noticeShare(notices, awarded, CRITERIA.sustainable);
  return {
    environmental: noticeShare(notices, awarded, CRITERIA.environmental),
    social: noticeShare(notices, awarded, CRITERIA.social),
    reserved: noticeShare(notices, awarded, CRITERIA.reserved),
    sustainable,
    target,
    meetsTarget: sustainable.noticeShare === null ? null : sustainable.noticeShare >= target,
  };
}

function savings(awarded: AwardedLot[]): Savings {
  const estimated = awarded.filter((entry) => entry.lot.estimatedValue !== null);
  const estimatedAmount = sum(estimated.map((entry) => entry.lot.estimatedValue ?? 0));
  const awardedAmount = sum(estimated.map((entry) => entry.award.amount));
  const savedAmount = cents(estimatedAmount - awardedAmount);
  return { lotCount: estimated.length, estimatedAmount, awardedAmount, savedAmount, rate: ratio(savedAmount, estimatedAmount) };
}

function amountShare(awarded: AwardedLot[], test: (award: IndicatorAward) => boolean): AmountShare {
  const amount = sum(awarded.filter((entry) => test(entry.award)).map((entry) => entry.award.amount));
  return { amount, share: ratio(amount, sum(awarded.map((entry) => entry.award.amount))) };
}

/** Counts and amounts per key, most notices first, then most awarded, then by label. */
function breakdown(
  notices: IndicatorNotice[],
  awarded: AwardedLot[],
  key: (notice: IndicatorNotice) => string | null,
  label: (notice: IndicatorNotice) => string,
): Breakdown[] {
  const rows = new Map<string | null, { label: string; noticeCount: number; amounts: number[] }>();
  const row = (notice: IndicatorNotice) => {
    const k = key(notice);
    const existing = rows.get(k) ?? { label: label(notice), noticeCount: 0, amounts: [] };
    rows.set(k, existing);
    return existing;
  };
  for (const notice of notices) row(notice).noticeCount++;
  for (const entry of awarded) row(entry.notice).amounts.push(entry.award.amount);
  return [...rows.entries()]
    .map(([k, value]) => ({ key: k, label: value.label, noticeCount: value.noticeCount, awardedAmount: sum(value.amounts) }))
    .sort((a, b) => b.noticeCount - a.noticeCount || b.awardedAmount - a.awardedAmount || a.label.localeCompare(b.label, 'fr'));
}

export const NO_FAMILY_LABEL = 'Hors familles';
export const NO_PLACE_LABEL = 'Lieu non précisé';

/** Every indicator of the scope (a year or all years, an organisation or all, a family or all), from the records. */
export function computeIndicators(
  records: readonly IndicatorNotice[],
  scope: IndicatorScope,
  options: IndicatorOptions,
): Indicators {
  const scoped = records.filter((notice) => inScope(notice, scope));
  const notices = countedNotices(scoped, scope.year);
  const awarded = awardedLots(scoped, scope.year);
  const families = breakdown(notices, awarded, (notice) => notice.familySlug, (notice) => notice.familyName ?? NO_FAMILY_LABEL);
  return {
    scope,
    noticeCount: notices.length,
    awardedLotCount: awarded.length,
    awardedAmount: sum(awarded.map((entry) => entry.award.amount)),
    sustainability: sustainability(notices, awarded, targetFor(scope.familySlug, options.defaultTarget, options.familyTargets)),
    suppliers: {
      sme: amountShare(awarded, (award) => award.sme === true),
      territory: amountShare(awarded, (award) => award.supplierInseeCode !== null && options.territoryInsee.has(award.supplierInseeCode)),
      departement: amountShare(awarded, (award) => award.supplierInseeCode?.startsWith(options.departementCode) ?? false),
    },
    savings: savings(awarded),
    byCommune: breakdown(notices, awarded, (notice) => notice.placeInsee, (notice) => notice.placeName ?? NO_PLACE_LABEL),
    byNature: breakdown(notices, awarded, (notice) => notice.nature, (notice) => notice.nature),
    byProcedure: breakdown(notices, awarded, (notice) => notice.procedure, (notice) => notice.procedure),
    byFamily: families.map((row) => {
      const inFamily = (entry: { familySlug: string | null }) => entry.familySlug === row.key;
      const familyAwarded = awarded.filter((entry) => inFamily(entry.notice));
      return {
        ...row,
        sustainability: sustainability(notices.filter(inFamily), familyAwarded, targetFor(row.key, options.defaultTarget, options.familyTargets)),
        savings: savings(familyAwarded),
      };
    }),
  };
}

/** Years with a publication or an award, most recent first. */
export function indicatorYears(records: readonly IndicatorNotice[], plausible: { first: number; last: number }): number[] {
  const years = new Set<number>();
  // Only the years `indicators(year:)` answers for: a date stored before the plausibility rules (1900, 2150) must
  // not make the site ask for a year the query refuses.
  const add = (year: number) => {
    if (year >= plausible.first && year <= plausible.last) years.add(year);
  };
  for (const notice of records) {
    if (!notice.cancelled) add(yearOf(notice.publishedOn));
    for (const lot of notice.lots) if (lot.award) add(yearOf(lot.award.awardedOn));
  }
  return [...years].sort((a, b) => b - a);
}
