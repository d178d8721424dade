import { foldText } from '../shared/text.js';

const ARTICLES = new Set(['le', 'la', 'les', 'l', 'ca', 'de', 'du', 'des', 'sur', 'en', 'saint', 'sainte']);
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The fewest letters of a reference code: every code has three letters until the 17,576 of them are taken. */
export const REFERENCE_CODE_MIN_LENGTH = 3;
/**
 * The most letters of a reference code (the column's length): four letters add 456,976 codes to the three-letter
 * ones, more than France has public buyers; five and six are there so that the space never ends.
 */
export const REFERENCE_CODE_MAX_LENGTH = 6;

/** A reference code as the hub gives them: 3 to 6 capital letters A–Z. */
export const REFERENCE_CODE = new RegExp(`^[A-Z]{${REFERENCE_CODE_MIN_LENGTH},${REFERENCE_CODE_MAX_LENGTH}}$`);

/**
 * The reference codes of the organisations (DRA in 2026-DRA-0042), each given once and never changed. A new
 * organisation gets three letters while any is free: the first three letters of its name's first significant word
 * (DRA for Draguignan, MUY for Le Muy), then other letters of the name, then the first free code in alphabetical
 * order. Once every three-letter code is taken (a national file names tens of thousands of buyers), four letters the
 * same way (the name's first four, then its first three and another of its letters, then the first free code), and so on.
 */
export class ReferenceCodes {
  private readonly taken = new Set<string>();
  /**
   * Per length, where the search for any free code resumes: codes are never given back, so every code before it is
   * taken. Searching from AAA each time made each buyer whose name's letters were all taken (a national file's many
   * « Commune de … ») cost a pass over every code taken so far.
   */
  private readonly nextAny = new Map<number, number>();

  constructor(taken: Iterable<string> = []) {
    for (const code of taken) this.taken.add(code);
  }

  has(code: string): boolean {
    return this.taken.has(code);
  }

  /** Marks a code as taken (an organisation read from the database, or given a code chosen by hand). */
  add(code: string): void {
    this.taken.add(code);
  }

  /** A free code for an organisation of this name, which becomes taken. */
  take(name: string): string {
    const letters = significantLetters(name);
    for (let length = REFERENCE_CODE_MIN_LENGTH; length <= REFERENCE_CODE_MAX_LENGTH; length++) {
      const code = this.fromName(letters, length) ?? this.anyFree(length);
      if (code) {
        this.taken.add(code);
        return code;
      }
    }
    throw new Error(`No free reference code for ${name}`);
  }

  private fromName(letters: string, length: number): string | undefined {
    for (const candidate of nameCandidates(letters, length)) if (!this.taken.has(candidate)) return candidate;
    return undefined;
  }

  private anyFree(length: number): string | undefined {
    const size = 26 ** length;
    let n = this.nextAny.get(length) ?? 0;
    for (; n < size; n++) {
      const code = codeAt(n, length);
      if (!this.taken.has(code)) {
        this.nextAny.set(length, n);
        return code;
      }
    }
    this.nextAny.set(length, size);
    return undefined;
  }
}

/** The name's letters, capitals without accents, its leading articles' words left out (LEMUY → MUY). */
function significantLetters(name: string): string {
  const words = foldText(name)
    .split(/[^a-z]+/)
    .filter((word) => word.length > 0);
  const significant = words.filter((word) => !ARTICLES.has(word));
  return (significant.length ? significant : words).join('').toUpperCase();
}

/**
 * Codes of `length` letters taken from the name, best first. Three letters: its first three, then its first letter
 * with any two later ones in order. More: its first `length`, then its first `length - 1` with each later letter (a
 * few dozen candidates, not every combination of a long name).
 */
function* nameCandidates(letters: string, length: number): Generator<string> {
  if (letters.length < length) return;
  yield letters.slice(0, length);
  if (length === 3) {
    for (let second = 1; second < letters.length; second++) {
      for (let third = second + 1; third < letters.length; third++) yield `${letters[0]}${letters[second]}${letters[third]}`;
    }
    return;
  }
  const stem = letters.slice(0, length - 1);
  for (let last = length; last < letters.length; last++) yield stem + letters[last];
}

/** The n-th code of `length` letters in alphabetical order (0 → AAA). */
function codeAt(n: number, length: number): string {
  let code = '';
  for (let position = 0; position < length; position++) {
    code = LETTERS[n % 26]! + code;
    n = Math.floor(n / 26);
  }
  return code;
}
