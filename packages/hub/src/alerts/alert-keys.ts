import { cpvDigits, foldText, type AlertCriteria, type MatchableNotice } from './alert-criteria.js';

/**
 * The index of the subscriptions by their criteria, so a notice meets only the subscriptions it may match instead of
 * all of them. A subscription is filed under the keys of ONE criterion it sets, the one that narrows most among
 * those every match must pass (where-or-who, else families, else CPV prefixes, else keywords, else procedures), or
 * under `all` when it sets none of them; a notice looks under every key it could satisfy. Since a match passes the
 * criterion the subscription is filed under, `matchesCriteria(c, n)` implies that `subscriptionKeys(c)` and
 * `noticeKeys(n)` share a key: the index may only find too many (the full rules then decide), never too few.
 * Pure.
 */

export const ALL_KEY = 'all';
/** Longer keys are cut: the index is a first sieve, the rules decide, and a cut key only finds more. */
export const KEY_LENGTH = 120;

const cut = (key: string) => key.slice(0, KEY_LENGTH);

/** The first word of a folded keyword: a match holds it at a word start (`espace` finds `espaces verts`). */
function keywordHead(keyword: string): string {
  return foldText(keyword).trim().split(' ')[0] ?? '';
}

/** The keys a subscription with these criteria is filed under: at least one. */
export function subscriptionKeys(criteria: AlertCriteria): string[] {
  if (criteria.communes.length || criteria.buyers.length) {
    return unique([...criteria.communes.map((code) => `commune:${code}`), ...criteria.buyers.map((slug) => `buyer:${slug}`)]);
  }
  if (criteria.families.length) return unique(criteria.families.map((slug) => `family:${slug}`));
  if (criteria.cpvPrefixes.length) {
    const prefixes = criteria.cpvPrefixes.map((prefix) => prefix.replace(/\D/g, ''));
    // An empty prefix starts every code: it narrows nothing.
    if (prefixes.some((prefix) => prefix === '')) return [ALL_KEY];
    return unique(prefixes.map((prefix) => `cpv:${prefix}`));
  }
  if (criteria.keywords.length) {
    const heads = criteria.keywords.map(keywordHead);
    // A keyword of nothing but punctuation is found in any text: it narrows nothing.
    if (heads.some((head) => head === '')) return [ALL_KEY];
    return unique(heads.map((head) => `word:${head}`));
  }
  if (criteria.procedures.length) return unique(criteria.procedures.map((procedure) => `procedure:${procedure}`));
  return [ALL_KEY];
}

/** Every key under which a subscription the notice may match can be filed. */
export function noticeKeys(notice: MatchableNotice, foldedText = foldText(notice.text)): string[] {
  const keys = new Set<string>([ALL_KEY, `buyer:${notice.buyerSlug}`, `procedure:${notice.procedure}`]);
  if (notice.communeInsee !== null) keys.add(`commune:${notice.communeInsee}`);
  if (notice.familySlug !== null) keys.add(`family:${notice.familySlug}`);
  for (const code of notice.cpvCodes) {
    const digits = cpvDigits(code);
    for (let length = 1; length <= digits.length; length++) keys.add(cut(`cpv:${digits.slice(0, length)}`));
  }
  for (const word of new Set(foldedText.trim().split(' '))) {
    for (let length = 1; length <= word.length; length++) keys.add(cut(`word:${word.slice(0, length)}`));
  }
  return [...keys];
}

function unique(keys: string[]): string[] {
  return [...new Set(keys.map(cut))];
}
