/**
 * Folds text for comparison: lowercase, accents and other combining marks removed, ligatures (œ, æ, ﬁ…) and
 * compatibility characters (non-breaking spaces, superscripts) replaced by their plain forms.
 * "Œuvre d'ÉTÉ" → "oeuvre d'ete". Used by search and slugs so "electricite" finds « Électricité ».
 */
export function foldText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss');
}
