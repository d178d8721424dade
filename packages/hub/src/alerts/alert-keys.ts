import { cpvDigits, foldText, type AlertCriteria, type MatchableNotice } from './alert-criteria.js';

/**
 * The index of the subscriptions by their criteria, so a notice meets only the subscriptions it may match instead of
 * all of them. A subscription is filed under the keys of ONE criterion it sets, the one that narrows most among
 * those every match must pass (where-or-who, else families, else CPV prefixes, else keywords, else procedures), or
 * under `all` when it sets none of them; a notice looks under every key it could satisfy. Where-or-who with families
 * (the commonest criteria: "in Lorgues, green spaces") is filed under each pair of a place and a family
 * (`commune:83072+family:espaces-verts`), both of which a match must pass: a notice then meets about the
 * subscriptions it matches, not every subscription of its commune; past `PAIRS_MOST` pairs, under the places alone.
 * Since a match passes the criteria the subscription is filed under, `matchesCriteria(c, n)` implies that
 * `subscriptionKeys(c)` and `noticeKeys(n)` share a key: the index may only find too many (the full rules then
 * decide), never too few.
 * Pure.
 */

export const ALL_KEY = 'all';
/** Longer keys are cut: the index is a first sieve, the rules decide, and a cut key only finds more. */
export const KEY_LENGTH = 120;

/** Most keys a subscription is filed under as pairs of a place and a family; with more, under its places. */
export const PAIRS_MOST = 24;

const cut = (key: string) => key.slice(0, KEY_LENGTH);

/** A place's key and a family's as one: slugs and INSEE codes hold no `+`. */
const pairKey = (place: string, family: string) => `${place}+${family}`;

/** The first word of a folded keyword: a match holds it at a word start (`espace` finds `espaces verts`). */
function keywordHead(keyword: string): string {
  return foldText(keyword).trim().split(' ')[0] ?? '';
}

/** The keys a subscription with these criteria is filed under: at least one. */
export function subscriptionKeys(criteria: AlertCriteria): string[] {
  if (criteria.communes.length || criteria.buyers.length) {
    const places = [...criteria.communes.map((code) => `commune:${code}`), ...criteria.buyers.map((slug) => `buyer:${slug}`)];
    const families = criteria.families.map((slug) => `family:${slug}`);
    if (families.length && places.length * families.length <= PAIRS_MOST) return unique(places.flatMap((place) => families.map((family) => pairKey(place, family))));
    return unique(places);
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

/** Every key under which a subscription the notice may match can be filed, cut as the subscriptions' are. */
export function noticeKeys(notice: MatchableNotice, foldedText = foldText(notice.text)): string[] {
  const keys = new Set<string>();
  const add = (key: string) => keys.add(cut(key));
  add(ALL_KEY);
  add(`buyer:${notice.buyerSlug}`);
  add(`procedure:${notice.procedure}`);
  if (notice.communeInsee !== null) add(`commune:${notice.communeInsee}`);
  if (notice.familySlug !== null) {
    const family = `family:${notice.familySlug}`;
    add(family);
    add(pairKey(`buyer:${notice.buyerSlug}`, family));
    if (notice.communeInsee !== null) add(pairKey(`commune:${notice.communeInsee}`, family));
  }
  for (const code of notice.cpvCodes) {
    const digits = cpvDigits(code);
    for (let length = 1; length <= digits.length; length++) add(`cpv:${digits.slice(0, length)}`);
  }
  for (const word of new Set(foldedText.trim().split(' '))) {
    for (let length = 1; length <= word.length; length++) add(`word:${word.slice(0, length)}`);
  }
  return [...keys];
}

function unique(keys: string[]): string[] {
  return [...new Set(keys.map(cut))];
}
