import { isFrenchPublicHoliday } from './french-public-holidays.js';
import { addCalendarDays, parisDateOf, startOfParisDay, weekdayOf } from '../shared/paris-calendar.js';

/**
 * Minimum response times of the code de la commande publique, for a pouvoir adjudicateur (communes and their
 * agglomeration), from the first publication of the notice.
 *
 * Counting, as Regulation (EEC, Euratom) No 1182/71 (which the 2014/24/EU directive applies to its time limits):
 * in calendar days, Europe/Paris; the day of publication does not count; the period ends at midnight at the end of
 * its last day, moved to the end of the next working day when that last day is a Saturday, a Sunday or a public
 * holiday. So a notice published on Monday 2 March 2026 under a 30-day limit may not close before Thursday
 * 2 April 2026 at 00:00 (the 30 days are 3 March to 1 April). The law counts from the sending of the notice;
 * counting from our publication, which comes later, can only lengthen the period.
 */
export const PROCEDURES = [
  'ADAPTED',
  'OPEN',
  'RESTRICTED',
  'NEGOTIATED',
  'COMPETITIVE_DIALOGUE',
  'NEGOTIATED_WITHOUT_PUBLICATION',
] as const;
export type Procedure = (typeof PROCEDURES)[number];

export const DEFAULT_ADAPTED_REASONABLE_DAYS = 20;

export type MinimumResponseTime =
  /** Fixed by the code; may be shortened when candidatures and offers can be sent electronically. */
  | { readonly kind: 'fixed'; readonly days: number; readonly electronicSubmissionDays: number }
  /** No legal figure: the buyer sets a reasonable delay; we apply a configurable one. */
  | { readonly kind: 'reasonable'; readonly defaultDays: number }
  /** No publication, so no response time to respect. */
  | { readonly kind: 'none' };

export type ResponseTimeRule = {
  readonly procedure: Procedure;
  readonly labelFr: string;
  /** What must be received by the deadline of the published notice. */
  readonly receives: 'applications-and-offers' | 'applications' | 'offers' | 'nothing';
  readonly minimum: MinimumResponseTime;
  /** Articles of the code de la commande publique (partie réglementaire). */
  readonly articles: readonly string[];
  readonly explanationFr: string;
};

export const RESPONSE_TIME_RULES: Readonly<Record<Procedure, ResponseTimeRule>> = Object.freeze({
  ADAPTED: {
    procedure: 'ADAPTED',
    labelFr: 'Procédure adaptée (MAPA)',
    receives: 'offers',
    minimum: { kind: 'reasonable', defaultDays: DEFAULT_ADAPTED_REASONABLE_DAYS },
    articles: ['R2123-4', 'R2143-1', 'R2151-1'],
    explanationFr:
      'Aucun délai minimal légal : l’acheteur fixe librement les modalités et un délai raisonnable, selon la complexité du marché et le temps nécessaire pour préparer une offre (usage : 20 jours).',
  },
  OPEN: {
    procedure: 'OPEN',
    labelFr: 'Appel d’offres ouvert',
    receives: 'applications-and-offers',
    minimum: { kind: 'fixed', days: 35, electronicSubmissionDays: 30 },
    articles: ['R2161-2', 'R2161-3'],
    explanationFr:
      '35 jours à compter de l’envoi de l’avis de marché, ramenés à 30 jours lorsque les candidatures et les offres peuvent être transmises par voie électronique.',
  },
  RESTRICTED: {
    procedure: 'RESTRICTED',
    labelFr: 'Appel d’offres restreint',
    receives: 'applications',
    minimum: { kind: 'fixed', days: 30, electronicSubmissionDays: 30 },
    articles: ['R2161-6'],
    explanationFr:
      '30 jours à compter de l’envoi de l’avis de marché pour la réception des candidatures ; le délai de remise des offres court ensuite à compter de l’invitation à soumissionner.',
  },
  NEGOTIATED: {
    procedure: 'NEGOTIATED',
    labelFr: 'Procédure avec négociation',
    receives: 'applications',
    minimum: { kind: 'fixed', days: 30, electronicSubmissionDays: 30 },
    articles: ['R2161-12'],
    explanationFr: '30 jours à compter de l’envoi de l’avis de marché pour la réception des candidatures.',
  },
  COMPETITIVE_DIALOGUE: {
    procedure: 'COMPETITIVE_DIALOGUE',
    labelFr: 'Dialogue compétitif',
    receives: 'applications',
    minimum: { kind: 'fixed', days: 30, electronicSubmissionDays: 30 },
    articles: ['R2161-24'],
    explanationFr: '30 jours à compter de l’envoi de l’avis de marché pour la réception des candidatures.',
  },
  NEGOTIATED_WITHOUT_PUBLICATION: {
    procedure: 'NEGOTIATED_WITHOUT_PUBLICATION',
    labelFr: 'Marché négocié sans publicité ni mise en concurrence préalables',
    receives: 'nothing',
    minimum: { kind: 'none' },
    articles: ['R2122-1 à R2122-11'],
    explanationFr: 'Pas de publicité préalable, donc pas de délai minimal de réponse à respecter.',
  },
});

export type ResponseTimeOptions = {
  /** Candidatures and offers can be sent electronically (the rule for most procedures since 1 October 2018). */
  readonly electronicSubmission: boolean;
  /** The delay applied to a procédure adaptée, in days; DEFAULT_ADAPTED_REASONABLE_DAYS when not given. */
  readonly adaptedReasonableDays?: number;
};

function assertDays(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw new RangeError(`adaptedReasonableDays must be a whole number of days between 1 and 365, got ${days}`);
  }
  return days;
}

/** The minimum number of calendar days between publication and the deadline; 0 when there is none. */
export function minimumResponseDays(procedure: Procedure, opts: ResponseTimeOptions): number {
  const minimum = RESPONSE_TIME_RULES[procedure].minimum;
  switch (minimum.kind) {
    case 'fixed':
      return opts.electronicSubmission ? minimum.electronicSubmissionDays : minimum.days;
    case 'reasonable':
      return assertDays(opts.adaptedReasonableDays ?? minimum.defaultDays);
    case 'none':
      return 0;
  }
}

/**
 * The earliest submission deadline a notice published at `publishedAt` may set (a deadline equal to it is
 * allowed): midnight, Paris time, at the end of the period counted as described at the top of this module.
 * Without a minimum, the publication instant itself.
 */
export function earliestDeadline(publishedAt: Date, procedure: Procedure, opts: ResponseTimeOptions): Date {
  const days = minimumResponseDays(procedure, opts);
  const publicationDay = parisDateOf(publishedAt);
  if (days === 0) return new Date(publishedAt.getTime());
  let lastDay = addCalendarDays(publicationDay, days);
  while (weekdayOf(lastDay) === 0 || weekdayOf(lastDay) === 6 || isFrenchPublicHoliday(lastDay)) {
    lastDay = addCalendarDays(lastDay, 1);
  }
  return startOfParisDay(addCalendarDays(lastDay, 1));
}
