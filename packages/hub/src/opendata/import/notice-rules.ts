import { amountProblem, awardDateProblem, plannedInstantProblem, publicationDateProblem } from '../../notices/plausibility.js';
import { textInputProblem } from '../../shared/text-input.js';
import type { ImportedNotice } from './imported-notice.js';

/** One value of an imported record that the hub refuses: the field as a path in the record, and why. */
export interface RecordProblem {
  field: string;
  reason: string;
}

/**
 * The rules every imported record meets before it is written, whatever its format: the same rules of plausible
 * dates and amounts (notices/plausibility.ts) and of acceptable text (shared/text-input.ts) as a notice entered
 * through the API. The parsers already fail a value that is not of its type (a date that is not a date), naming its
 * element; these rules refuse a well-typed value that would break public figures or feeds (a publication in 1900 or
 * in the future, an award before the call was published, 1e308 euros, a bidi override in a title).
 *
 * `callPublishedAt` is the publication of the call for competition the awards follow, when known: the record's own
 * date for a call, the existing call's for an award notice that updates it, null for a contract known only from an
 * award notice or DECP (whose publication date is that of the award data, after the award by nature).
 */
export function recordProblems(notice: ImportedNotice, now: Date, callPublishedAt: Date | null): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const check = (field: string, reason: string | null) => {
    if (reason) problems.push({ field, reason });
  };
  const amount = (field: string, value: number | null | undefined) => check(field, value === null || value === undefined ? null : amountProblem(value));
  const text = (field: string, value: string | null | undefined) => check(field, value ? textInputProblem(value) : null);

  if (notice.publishedAt) check('publishedAt', publicationDateProblem(notice.publishedAt, now));
  if (notice.submissionDeadline) check('submissionDeadline', plannedInstantProblem(notice.submissionDeadline, now));
  amount('estimatedValue', notice.estimatedValue);
  amount('framework.maximumAmount', notice.framework?.maximumAmount);
  text('title', notice.title);
  text('description', notice.description);
  text('buyer.name', notice.buyer.name);
  text('buyerProfileUrl', notice.buyerProfileUrl);
  text('contactEmail', notice.contactEmail);
  notice.lots.forEach((lot) => {
    const at = `lot ${lot.number}`;
    text(`${at}.title`, lot.title);
    text(`${at}.unsuccessfulReason`, lot.unsuccessfulReason);
    amount(`${at}.estimatedValue`, lot.estimatedValue);
    const award = lot.award;
    if (!award) return;
    amount(`${at}.award.amount`, award.amount);
    if (award.awardedOn) check(`${at}.award.awardedOn`, awardDateProblem(award.awardedOn, callPublishedAt, now));
    award.suppliers.forEach((supplier, index) => text(`${at}.award.suppliers[${index}].name`, supplier.name));
  });
  return problems;
}
