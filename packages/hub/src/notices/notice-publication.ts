import { earliestDeadline, type Procedure } from './response-times.js';

export interface PublicationCandidate {
  title: string;
  description: string;
  mainCpv: string;
  lots: ReadonlyArray<{ number: number; cpv: string }>;
  submissionDeadline: Date;
  procedure: Procedure;
  electronicSubmission: boolean;
  buyerProfileUrl: string;
  contactEmail: string;
}

export interface Problem {
  field: string;
  message: string;
}

const formatDate = (date: Date) => date.toISOString();

/** Why a notice cannot be published at `now`; empty when it can. */
export function publicationProblems(
  candidate: PublicationCandidate,
  now: Date,
  isKnownCpv: (code: string) => boolean,
  adaptedReasonableDays: number,
): Problem[] {
  const problems: Problem[] = [];
  if (!candidate.title.trim()) problems.push({ field: 'title', message: 'A notice needs a title' });
  if (!candidate.description.trim()) problems.push({ field: 'description', message: 'A notice needs a description' });
  if (!candidate.buyerProfileUrl.trim())
    problems.push({ field: 'buyerProfileUrl', message: 'A notice links to its consultation on the buyer profile' });
  if (!candidate.contactEmail.trim()) problems.push({ field: 'contactEmail', message: 'A notice needs a contact' });
  if (!isKnownCpv(candidate.mainCpv)) problems.push({ field: 'mainCpv', message: 'The main CPV code is not valid' });
  if (candidate.lots.length === 0) problems.push({ field: 'lots', message: 'A notice needs at least one lot' });
  for (const lot of candidate.lots) {
    if (!isKnownCpv(lot.cpv)) problems.push({ field: `lots[${lot.number - 1}].cpv`, message: `Lot ${lot.number} has no valid CPV code` });
  }
  problems.push(...deadlineProblems(candidate, now, now, adaptedReasonableDays));
  return problems;
}

/**
 * The deadline must leave the minimum response time of the procedure, counted from publication, and still be
 * in the future (a correction may extend it, never bring it before that minimum).
 */
export function deadlineProblems(
  candidate: Pick<PublicationCandidate, 'submissionDeadline' | 'procedure' | 'electronicSubmission'>,
  publishedAt: Date,
  now: Date,
  adaptedReasonableDays: number,
): Problem[] {
  const earliest = earliestDeadline(publishedAt, candidate.procedure, {
    electronicSubmission: candidate.electronicSubmission,
    adaptedReasonableDays,
  });
  if (candidate.submissionDeadline.getTime() <= now.getTime()) {
    return [{ field: 'submissionDeadline', message: 'The submission deadline is in the past' }];
  }
  if (candidate.submissionDeadline.getTime() < earliest.getTime()) {
    return [
      {
        field: 'submissionDeadline',
        message: `The submission deadline leaves less than the minimum response time of this procedure: not before ${formatDate(earliest)}`,
      },
    ];
  }
  return [];
}
