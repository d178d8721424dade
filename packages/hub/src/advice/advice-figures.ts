import { parisDateOf } from '../shared/paris-calendar.js';
import { MIN_PUBLISHED_PEOPLE, totalWithheldReason, withheldGroups, type AdviceWithheldReason } from './advice-figures-disclosure.js';
import { ADVICE_STAGES, type AdviceStage } from './advice-stages.js';
import { workingDaysBetween } from './working-days.js';

/** What the public figures read of one request: no text, and people only as opaque ids to count. */
export interface AdviceFigureRecord {
  submittedAt: Date;
  stage: AdviceStage;
  familyId: string;
  askerId: string;
  /** The first answer: when, and the expert who wrote it. */
  firstAnswer: { at: Date; expertId: string } | null;
}

/** The figures of one group (a year, a stage of a year, a family of a year): every value, or null and why. */
export interface AdviceGroupFigures {
  withheld: AdviceWithheldReason | null;
  requestCount: number | null;
  answeredCount: number | null;
  /** Why the median is null although requests were answered; null when published or when nothing was answered. */
  medianWithheld: AdviceWithheldReason | null;
  medianWorkingDaysToFirstAnswer: number | null;
}

export interface AdviceYearFigures {
  year: number;
  total: AdviceGroupFigures;
  /** Every stage, in the chain's order. */
  stages: Array<{ stage: AdviceStage } & AdviceGroupFigures>;
  /** Every family given, in the order given. */
  families: Array<{ familyId: string } & AdviceGroupFigures>;
}

/** The median of whole numbers: the middle one, or the mean of the two middle ones. Null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A record with its working days to the first answer, counted once however many groups it is in. */
type Timed = AdviceFigureRecord & { workingDays: number | null };

function peopleOf(records: readonly AdviceFigureRecord[]): Set<string> {
  return new Set(records.map((record) => record.askerId));
}

/** A group's figures once its own withholding is decided: a withheld group shows nothing, not even its median. */
function groupFigures(records: readonly Timed[], withheld: AdviceWithheldReason | null, min: number): AdviceGroupFigures {
  if (withheld) return { withheld, requestCount: null, answeredCount: null, medianWithheld: withheld, medianWorkingDaysToFirstAnswer: null };
  const answered = records.filter((record) => record.firstAnswer !== null);
  const published = { withheld: null, requestCount: records.length, answeredCount: answered.length };
  if (answered.length === 0) return { ...published, medianWithheld: null, medianWorkingDaysToFirstAnswer: null };
  // The median describes the askers of the answered requests and the experts who answered them: both must be many.
  const medianWithheld =
    totalWithheldReason(peopleOf(answered), min) ?? (new Set(answered.map((record) => record.firstAnswer!.expertId)).size < min ? 'FEW_EXPERTS' : null);
  if (medianWithheld) return { ...published, medianWithheld, medianWorkingDaysToFirstAnswer: null };
  return { ...published, medianWithheld: null, medianWorkingDaysToFirstAnswer: median(answered.map((record) => record.workingDays!)) };
}

/** The groups of one partition of a year's requests, each with its figures, withheld together. */
function partition<K>(
  records: readonly Timed[],
  keys: readonly K[],
  keyOf: (record: AdviceFigureRecord) => K,
  totalWithheld: AdviceWithheldReason | null,
  min: number,
) {
  const groups = keys.map((key) => records.filter((record) => keyOf(record) === key));
  // Under a withheld total even a zero is withheld: the zeros would tell in which group the few requests are.
  if (totalWithheld) return groups.map((group) => groupFigures(group, totalWithheld, min));
  const reasons = withheldGroups(
    groups.map((group) => ({ people: peopleOf(group) })),
    min,
  );
  return groups.map((group, index) => groupFigures(group, reasons[index] ?? null, min));
}

/**
 * The public figures of advice, per year of the question (Paris calendar), most recent first: requests and first
 * answers per stage and per family, each partition withheld on its own against the year's total. A year's total
 * describing one or two people is withheld, and then so is every group of it, zeros included.
 */
export function adviceFigures(records: readonly AdviceFigureRecord[], familyIds: readonly string[], min = MIN_PUBLISHED_PEOPLE): AdviceYearFigures[] {
  const byYear = new Map<number, Timed[]>();
  for (const record of records) {
    const year = Number(parisDateOf(record.submittedAt).slice(0, 4));
    const workingDays = record.firstAnswer ? workingDaysBetween(record.submittedAt, record.firstAnswer.at) : null;
    byYear.set(year, [...(byYear.get(year) ?? []), { ...record, workingDays }]);
  }
  const known = new Set(familyIds);
  for (const record of records) {
    if (!known.has(record.familyId)) throw new RangeError(`The family ${record.familyId} of an advice request is not among the families given`);
  }
  return [...byYear.keys()]
    .sort((a, b) => b - a)
    .map((year) => {
      const yearRecords = byYear.get(year)!;
      const totalWithheld = totalWithheldReason(peopleOf(yearRecords), min);
      const stages = partition(yearRecords, ADVICE_STAGES, (record) => record.stage, totalWithheld, min);
      const families = partition(yearRecords, familyIds, (record) => record.familyId, totalWithheld, min);
      return {
        year,
        total: groupFigures(yearRecords, totalWithheld, min),
        stages: ADVICE_STAGES.map((stage, index) => ({ stage, ...stages[index]! })),
        families: familyIds.map((familyId, index) => ({ familyId, ...families[index]! })),
      };
    });
}
