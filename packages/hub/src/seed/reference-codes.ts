import { foldText } from '../shared/text.js';

const ARTICLES = new Set(['le', 'la', 'les', 'l', 'ca', 'de', 'du', 'des', 'sur', 'en', 'saint', 'sainte']);

/**
 * Three letters for notice references, unique among `taken`: the first three letters of the name's first
 * significant word (DRA for Draguignan, MUY for Le Muy), then other letters of the name when those are taken.
 */
export function referenceCodeFor(name: string, taken: ReadonlySet<string>): string {
  const words = foldText(name)
    .split(/[^a-z]+/)
    .filter((word) => word.length > 0);
  const significant = words.filter((word) => !ARTICLES.has(word));
  const letters = (significant.length ? significant : words).join('').toUpperCase();
  const candidates = [letters.slice(0, 3)];
  for (let second = 1; second < letters.length; second++) {
    for (let third = second + 1; third < letters.length; third++) {
      candidates.push(`${letters[0]}${letters[second]}${letters[third]}`);
    }
  }
  const code = candidates.find((candidate) => candidate.length === 3 && !taken.has(candidate));
  if (!code) throw new Error(`No free reference code for ${name}`);
  return code;
}
