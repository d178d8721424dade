import { PROCEDURES, type Procedure } from '../notices/response-times.js';

/**
 * What a subscriber wants to hear about. Within one criterion the values are alternatives (Lorgues OR Flayosc);
 * the criteria add up (in Lorgues AND about green spaces). An empty criterion does not restrict.
 * Communes and buyers are one criterion, "where or who": a notice performed in a chosen commune, or bought by a
 * chosen buyer, matches.
 */
export interface AlertCriteria {
  /** INSEE codes of communes. */
  communes: string[];
  /** Organisation slugs. */
  buyers: string[];
  /** Purchasing family slugs. */
  families: string[];
  /** CPV codes or prefixes, digits only (2 to 8), e.g. "4526" or "77310000". */
  cpvPrefixes: string[];
  /** Words or phrases, matched in the title, description and lot titles, ignoring case and accents. */
  keywords: string[];
  /** Estimated amount range, euros excl. VAT; a notice whose estimate is not public matches any range. */
  minAmount: number | null;
  maxAmount: number | null;
  procedures: Procedure[];
  /** Also planned purchases (programmation prévisionnelle). */
  includePlanned: boolean;
}

/** What the matching rules read of a notice (or, later, of a planned purchase). */
export interface MatchableNotice {
  /** The commune where it is performed, else the buyer's commune (INSEE), else null. */
  communeInsee: string | null;
  buyerSlug: string;
  familySlug: string | null;
  /** Every CPV code of the notice and of its lots, with or without the check digit. */
  cpvCodes: string[];
  /** Title, description, lot titles. */
  text: string;
  /** The public estimate, null when there is none or it is not public. */
  estimatedValue: number | null;
  /**
   * When there is no estimate but a band (a planned purchase: `min` included, `max` excluded, null for no upper
   * edge): it matches an amount range it overlaps.
   */
  amountRange?: { min: number; max: number | null } | null;
  procedure: Procedure;
}

export const EMPTY_CRITERIA: AlertCriteria = {
  communes: [],
  buyers: [],
  families: [],
  cpvPrefixes: [],
  keywords: [],
  minAmount: null,
  maxAmount: null,
  procedures: [],
  includePlanned: false,
};

/** Lower case without accents or punctuation, words separated by one space: how keywords and texts are compared. */
export function foldText(text: string): string {
  return ` ${text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
}

/** The CPV code's digits without the check digit ("45261000-4" → "45261000"). */
export function cpvDigits(code: string): string {
  return code.replace(/-\d$/, '').replace(/\D/g, '');
}

/**
 * True when the notice matches every criterion. A keyword matches at the start of a word ("espace" finds "espaces
 * verts", "vert" does not find "ouvert"); a phrase matches its words in order.
 */
export function matchesCriteria(criteria: AlertCriteria, notice: MatchableNotice, foldedText = foldText(notice.text)): boolean {
  if (criteria.communes.length || criteria.buyers.length) {
    const inCommune = notice.communeInsee !== null && criteria.communes.includes(notice.communeInsee);
    if (!inCommune && !criteria.buyers.includes(notice.buyerSlug)) return false;
  }
  if (criteria.families.length && (notice.familySlug === null || !criteria.families.includes(notice.familySlug))) return false;
  if (criteria.procedures.length && !criteria.procedures.includes(notice.procedure)) return false;
  if (criteria.cpvPrefixes.length) {
    const codes = cpvDigitsOf(notice);
    if (!criteria.cpvPrefixes.some((prefix) => codes.some((code) => code.startsWith(prefix)))) return false;
  }
  if (notice.estimatedValue !== null) {
    if (criteria.minAmount !== null && notice.estimatedValue < criteria.minAmount) return false;
    if (criteria.maxAmount !== null && notice.estimatedValue > criteria.maxAmount) return false;
  } else if (notice.amountRange) {
    const { min, max } = notice.amountRange;
    if (criteria.minAmount !== null && max !== null && max <= criteria.minAmount) return false;
    if (criteria.maxAmount !== null && min > criteria.maxAmount) return false;
  }
  if (criteria.keywords.length && !foldedKeywordsOf(criteria).some((keyword) => foldedText.includes(keyword))) return false;
  return true;
}

/** Each notice's CPV codes as digits once, not once per subscription it meets. */
const noticeCpvDigits = new WeakMap<MatchableNotice, string[]>();

function cpvDigitsOf(notice: MatchableNotice): string[] {
  let digits = noticeCpvDigits.get(notice);
  if (!digits) {
    digits = notice.cpvCodes.map(cpvDigits);
    noticeCpvDigits.set(notice, digits);
  }
  return digits;
}

/** Each criteria's keywords folded once (` espaces verts`), not once per notice they meet. */
const foldedKeywords = new WeakMap<AlertCriteria, string[]>();

function foldedKeywordsOf(criteria: AlertCriteria): string[] {
  let folded = foldedKeywords.get(criteria);
  if (!folded) {
    folded = criteria.keywords.map((keyword) => ` ${foldText(keyword).trim()}`);
    foldedKeywords.set(criteria, folded);
  }
  return folded;
}

export const CRITERIA_LIMITS = { values: 50, keywords: 20, keywordLength: 80 } as const;

export type CriteriaCheck = { ok: true; criteria: AlertCriteria } | { ok: false; field: keyof AlertCriteria; message: string };

/** Checks and normalises criteria from a form: trimmed, deduplicated, bounded; a French message naming the field. */
export function checkCriteria(input: AlertCriteria): CriteriaCheck {
  const unique = (values: string[]) => [...new Set(values.map((value) => value.trim()).filter(Boolean))];
  const criteria: AlertCriteria = {
    communes: unique(input.communes),
    buyers: unique(input.buyers),
    families: unique(input.families),
    cpvPrefixes: unique(input.cpvPrefixes),
    keywords: unique(input.keywords),
    minAmount: input.minAmount,
    maxAmount: input.maxAmount,
    procedures: [...new Set(input.procedures)],
    includePlanned: input.includePlanned,
  };
  for (const field of ['communes', 'buyers', 'families', 'cpvPrefixes', 'procedures'] as const) {
    if (criteria[field].length > CRITERIA_LIMITS.values) return { ok: false, field, message: `Au plus ${CRITERIA_LIMITS.values} valeurs.` };
  }
  if (criteria.communes.some((code) => !/^\d[0-9AB]\d{3}$/.test(code))) return { ok: false, field: 'communes', message: 'Commune inconnue.' };
  if (criteria.buyers.some((slug) => !/^[a-z0-9-]{1,120}$/.test(slug))) return { ok: false, field: 'buyers', message: 'Acheteur inconnu.' };
  if (criteria.families.some((slug) => !/^[a-z0-9-]{1,120}$/.test(slug))) return { ok: false, field: 'families', message: 'Famille d’achats inconnue.' };
  if (criteria.cpvPrefixes.some((prefix) => !/^\d{2,8}$|^\d{8}-\d$/.test(prefix))) {
    return { ok: false, field: 'cpvPrefixes', message: 'Un code CPV s’écrit avec 2 à 8 chiffres (par exemple 4526 ou 77310000-6).' };
  }
  criteria.cpvPrefixes = [...new Set(criteria.cpvPrefixes.map(cpvDigits))];
  if (criteria.procedures.some((procedure) => !(PROCEDURES as readonly string[]).includes(procedure))) return { ok: false, field: 'procedures', message: 'Procédure inconnue.' };
  if (criteria.keywords.length > CRITERIA_LIMITS.keywords) return { ok: false, field: 'keywords', message: `Au plus ${CRITERIA_LIMITS.keywords} mots-clés.` };
  if (criteria.keywords.some((keyword) => keyword.length > CRITERIA_LIMITS.keywordLength || foldText(keyword).trim() === '')) {
    return { ok: false, field: 'keywords', message: `Un mot-clé a de 1 à ${CRITERIA_LIMITS.keywordLength} caractères, dont au moins une lettre ou un chiffre.` };
  }
  for (const field of ['minAmount', 'maxAmount'] as const) {
    const value = criteria[field];
    if (value !== null && (!Number.isFinite(value) || value < 0 || value > 1e12)) return { ok: false, field, message: 'Montant invalide : un nombre d’euros positif.' };
  }
  if (criteria.minAmount !== null && criteria.maxAmount !== null && criteria.minAmount > criteria.maxAmount) {
    return { ok: false, field: 'maxAmount', message: 'Le montant maximum est inférieur au minimum.' };
  }
  return { ok: true, criteria };
}
