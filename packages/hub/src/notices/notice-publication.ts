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
  if (!candidate.title.trim()) problems.push({ field: 'title', message: 'Le champ title est obligatoire pour publier.' });
  if (!candidate.description.trim()) problems.push({ field: 'description', message: 'Le champ description est obligatoire pour publier.' });
  if (!candidate.buyerProfileUrl.trim())
    problems.push({ field: 'buyerProfileUrl', message: 'Le champ buyerProfileUrl est obligatoire pour publier : l’avis renvoie à la consultation sur le profil d’acheteur.' });
  if (!candidate.contactEmail.trim()) problems.push({ field: 'contactEmail', message: 'Le champ contactEmail est obligatoire pour publier.' });
  if (!isKnownCpv(candidate.mainCpv)) problems.push({ field: 'mainCpv', message: 'Le champ mainCpv n’est pas un code CPV 2008 valide.' });
  if (candidate.lots.length === 0) problems.push({ field: 'lots', message: 'Un avis compte au moins un lot.' });
  for (const lot of candidate.lots) {
    if (!isKnownCpv(lot.cpv)) problems.push({ field: `lots[${lot.number - 1}].cpv`, message: `Le lot ${lot.number} n’a pas de code CPV 2008 valide.` });
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
    return [{ field: 'submissionDeadline', message: 'La date limite de remise des offres est passée.' }];
  }
  if (candidate.submissionDeadline.getTime() < earliest.getTime()) {
    return [
      {
        field: 'submissionDeadline',
        message: `La date limite de remise des offres laisse moins que le délai minimal de cette procédure : pas avant le ${formatDate(earliest)}.`,
      },
    ];
  }
  return [];
}
