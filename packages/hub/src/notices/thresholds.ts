import { parisDateOf } from '../shared/paris-calendar.js';

/**
 * Publicity thresholds in euros excluding VAT, as dated data: a period applies to the consultations launched (or
 * notices sent) from its first day, in Paris, as the décrets that set them say.
 */
export type PublicityThresholds = {
  /** First day of application, "YYYY-MM-DD", inclusive. */
  readonly validFrom: string;
  /** Last day of application, inclusive; null while no later text is known. */
  readonly validUntil: string | null;
  /** Below these estimates a contract may be awarded without publicity or competition (R2122-8). */
  readonly noPublicityBelow: { readonly works: number; readonly suppliesAndServices: number };
  /** From this estimate, a procédure adaptée is advertised in the BOAMP or a legal-notices journal (R2131-12). */
  readonly boampOrJalFrom: number;
  /** EU thresholds of formalised procedures (JOUE publication), revised every two years by the Commission. */
  readonly eu: {
    readonly period: string;
    readonly centralGovernmentSuppliesAndServices: number;
    readonly localAuthoritiesSuppliesAndServices: number;
    readonly utilitiesSuppliesAndServices: number;
    readonly worksAndConcessions: number;
  };
  readonly sources: readonly string[];
};

const EU_2024_2025 = {
  period: '2024-2025',
  centralGovernmentSuppliesAndServices: 143_000,
  localAuthoritiesSuppliesAndServices: 221_000,
  utilitiesSuppliesAndServices: 443_000,
  worksAndConcessions: 5_538_000,
};
const EU_2026_2027 = {
  period: '2026-2027',
  centralGovernmentSuppliesAndServices: 140_000,
  localAuthoritiesSuppliesAndServices: 216_000,
  utilitiesSuppliesAndServices: 432_000,
  worksAndConcessions: 5_404_000,
};

function freezeAll<T extends object>(periods: T[]): readonly T[] {
  for (const period of periods) Object.freeze(period);
  return Object.freeze(periods);
}

/** Oldest first; periods are contiguous. Add a period when a text changes a figure, never edit a past one. */
export const PUBLICITY_THRESHOLDS: readonly PublicityThresholds[] = freezeAll([
  {
    validFrom: '2024-01-01',
    validUntil: '2025-12-31',
    noPublicityBelow: { works: 100_000, suppliesAndServices: 40_000 },
    boampOrJalFrom: 90_000,
    eu: EU_2024_2025,
    sources: [
      'R2122-8 (40 000 €) ; travaux : 100 000 € à titre temporaire, décret n° 2022-1683 prorogé par le décret n° 2024-1217 jusqu’au 31 décembre 2025',
      'R2131-12',
      'Seuils européens 2024-2025 (règlements délégués de la Commission, avis annexé au code)',
    ],
  },
  {
    validFrom: '2026-01-01',
    validUntil: '2026-03-31',
    noPublicityBelow: { works: 100_000, suppliesAndServices: 40_000 },
    boampOrJalFrom: 90_000,
    eu: EU_2026_2027,
    sources: [
      'R2122-8 modifié par le décret n° 2025-1386 du 29 décembre 2025 (travaux : 100 000 € dès le 1er janvier 2026)',
      'R2131-12',
      'Seuils européens 2026-2027',
    ],
  },
  {
    validFrom: '2026-04-01',
    validUntil: null,
    noPublicityBelow: { works: 100_000, suppliesAndServices: 60_000 },
    boampOrJalFrom: 90_000,
    eu: EU_2026_2027,
    sources: [
      'R2122-8 modifié par le décret n° 2025-1386 du 29 décembre 2025 (fournitures et services : 60 000 € à compter du 1er avril 2026)',
      'R2131-12',
      'Seuils européens 2026-2027',
    ],
  },
]);

/** The thresholds that apply to a consultation launched at `date` (its Paris calendar day); null before the table. */
export function findThresholdsAt(date: Date): PublicityThresholds | null {
  if (Number.isNaN(date.getTime())) return null;
  const day = parisDateOf(date);
  return (
    PUBLICITY_THRESHOLDS.find(
      (candidate) => candidate.validFrom <= day && (candidate.validUntil === null || day <= candidate.validUntil),
    ) ?? null
  );
}

/** The thresholds that apply to a consultation launched at `date` (its Paris calendar day). */
export function thresholdsAt(date: Date): PublicityThresholds {
  const period = findThresholdsAt(date);
  if (!period) {
    const day = Number.isNaN(date.getTime()) ? String(date) : parisDateOf(date);
    throw new RangeError(`No publicity thresholds are known for ${day}: the table starts on ${PUBLICITY_THRESHOLDS[0]?.validFrom}`);
  }
  return period;
}

/**
 * Article R2196-1: the buyer publishes the essential data (DECP) of the contracts whose amount excl. VAT reaches
 * this figure. Dated like the publicity thresholds: the period of the contract's notification applies.
 */
export type EssentialDataThreshold = {
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly from: number;
  readonly sources: readonly string[];
};

/** Oldest first, contiguous; before the first period (no obligation yet) the first period's figure is applied. */
export const ESSENTIAL_DATA_THRESHOLDS: readonly EssentialDataThreshold[] = freezeAll([
  {
    validFrom: '2018-10-01',
    validUntil: '2019-12-31',
    from: 25_000,
    sources: ['Article 107 du décret n° 2016-360 du 25 mars 2016, puis R2196-1 (25 000 €), obligation en vigueur au 1er octobre 2018'],
  },
  {
    validFrom: '2020-01-01',
    validUntil: null,
    from: 40_000,
    sources: ['R2196-1 modifié par le décret n° 2019-1344 du 12 décembre 2019 (40 000 €)'],
  },
]);

/** The DECP threshold for a contract notified on `day` ("YYYY-MM-DD", Paris). */
export function essentialDataThresholdOn(day: string): number {
  const period = ESSENTIAL_DATA_THRESHOLDS.find(
    (candidate) => candidate.validFrom <= day && (candidate.validUntil === null || day <= candidate.validUntil),
  );
  return (period ?? ESSENTIAL_DATA_THRESHOLDS[0]!).from;
}
