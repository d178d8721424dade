import { z } from 'zod';
import { foldText } from '../shared/text.js';
import { readReferenceFile } from './reference-file.js';

/** A code of the CPV 2008 main vocabulary: `code` "45210000-2", `code8` "45210000", French `label`. */
export type CpvEntry = { readonly code: string; readonly code8: string; readonly label: string };

type IndexedEntry = {
  readonly entry: CpvEntry;
  /** Folded label words, joined by one space: compared with the query's words. */
  readonly labelKey: string;
  readonly words: readonly string[];
  /** Digits before the trailing zeros (division 2, group 3, class 4…): broader codes rank first. */
  readonly significantDigits: number;
};

const CODE_PATTERN = /^(\d{8})(?:-(\d))?$/;
const TOKEN_PATTERN = /\d{8}-\d|[a-z0-9]+/g;
// Labels use articles and prepositions inconsistently (« de », « des », « d' »): requiring them would hide
// « Services de nettoyage de bureaux » from "nettoyage des bureaux".
const STOP_WORDS = new Set(['a', 'au', 'aux', 'd', 'de', 'des', 'du', 'en', 'et', 'l', 'la', 'le', 'les', 'ou', 'par', 'pour', 'sur', 'un', 'une']);

function tokenize(text: string): string[] {
  return foldText(text).match(TOKEN_PATTERN) ?? [];
}

function index(entry: CpvEntry): IndexedEntry {
  const words = tokenize(entry.label);
  return { entry, words, labelKey: words.join(' '), significantDigits: Math.max(2, entry.code8.replace(/0+$/, '').length) };
}

function matchesToken(item: IndexedEntry, token: string): boolean {
  if (token.includes('-')) return item.entry.code === token;
  if (/^\d/.test(token) && item.entry.code8.startsWith(token)) return true;
  return item.words.some((word) => word.startsWith(token));
}

/** The CPV 2008 list: lookup by code (with or without check digit) and accent-insensitive search. */
export class CpvCatalogue {
  private readonly byCode8 = new Map<string, IndexedEntry>();
  private readonly indexed: readonly IndexedEntry[];

  constructor(pairs: ReadonlyArray<readonly [string, string]>) {
    this.indexed = pairs.map(([code, label]) => {
      const match = CODE_PATTERN.exec(code);
      if (!match?.[2]) throw new Error(`Malformed CPV code ${JSON.stringify(code)}: expected 8 digits, a hyphen and a check digit`);
      const code8 = match[1] as string;
      if (this.byCode8.has(code8)) throw new Error(`Duplicate CPV code ${code}`);
      const item = index(Object.freeze({ code, code8, label }));
      this.byCode8.set(code8, item);
      return item;
    });
  }

  get size(): number {
    return this.indexed.length;
  }

  /** Every entry, in the order of the official list. */
  all(): CpvEntry[] {
    return this.indexed.map((item) => item.entry);
  }

  /** "45210000", "45210000-2" or " 45210000-2 " find the same entry; a wrong check digit finds nothing. */
  get(code: string): CpvEntry | undefined {
    const match = CODE_PATTERN.exec(code.trim());
    if (!match) return undefined;
    const item = this.byCode8.get(match[1] as string);
    if (!item || (match[2] !== undefined && item.entry.code !== `${match[1]}-${match[2]}`)) return undefined;
    return item.entry;
  }

  /** The canonical form "45210000-2" of a known code, or undefined. */
  normalise(code: string): string | undefined {
    return this.get(code)?.code;
  }

  /**
   * Entries whose code or label matches every word of `text` (accents and case ignored; a word matches the start
   * of a label word, digits also match the start of the code, so "4521" lists the building-works class).
   * Ranked: the exact code first, then labels starting with the text, then shorter ones: for a query of digits
   * broader codes first ("4521" puts the class before its categories), for words shorter labels first (the
   * plain « Électricité » before the long labels that mention it).
   */
  search(text: string, limit = 20): CpvEntry[] {
    const allTokens = tokenize(text);
    if (allTokens.length === 0 || limit <= 0) return [];
    const meaningful = allTokens.filter((token) => !STOP_WORDS.has(token));
    const tokens = meaningful.length > 0 ? meaningful : allTokens;
    const exact = this.get(text);
    const phrase = allTokens.join(' ');
    const byCode = tokens.every((token) => /^\d/.test(token));
    const tier = (item: IndexedEntry): number => {
      if (item.entry === exact) return 0;
      return item.labelKey.startsWith(phrase) ? 1 : 2;
    };
    return this.indexed
      .filter((item) => item.entry === exact || tokens.every((token) => matchesToken(item, token)))
      .map((item) => ({ item, tier: tier(item) }))
      .sort((a, b) => {
        const digits = a.item.significantDigits - b.item.significantDigits;
        const length = a.item.entry.label.length - b.item.entry.label.length;
        const shorter = byCode ? digits || length : length || digits;
        return a.tier - b.tier || shorter || a.item.entry.code8.localeCompare(b.item.entry.code8);
      })
      .slice(0, limit)
      .map(({ item }) => item.entry);
  }
}

const cpvFileSchema = z.array(z.tuple([z.string(), z.string().min(1)]));
let catalogue: CpvCatalogue | undefined;

/** The catalogue of `data/reference/cpv-2008.json`, read once on first use. */
export function getCpvCatalogue(): CpvCatalogue {
  catalogue ??= new CpvCatalogue(readReferenceFile('cpv-2008.json', cpvFileSchema));
  return catalogue;
}
