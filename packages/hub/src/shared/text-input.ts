/**
 * Which characters a text may hold when it enters the hub (every String argument of the API, every text an importer
 * stores). Refused, because they break what the hub writes or mislead whoever reads it:
 * - C0 control characters (U+0000 to U+001F) other than tab (U+0009), line feed (U+000A) and carriage return
 *   (U+000D), and DEL (U+007F): XML 1.0 forbids C0 controls, so one in a title makes every feed invalid; NUL cannot be
 *   bound by the SQLite driver; ESC sequences rewrite a terminal that prints a log line.
 *   Carriage return is ACCEPTED: text pasted from Windows or sent by an HTML form ends lines with CR LF, XML allows
 *   CR (parsers normalise CR LF to LF), and the CSV export neutralises a cell that starts with one.
 * - Bidirectional embedding, override and isolate controls (U+202A to U+202E, U+2066 to U+2069): they reorder how the
 *   text around them is displayed ("Trojan Source", CVE-2021-42574), so a reader would not see what is stored.
 *   The plain marks U+200E and U+200F (LRM, RLM) stay allowed: they change no order, and Arabic or Hebrew names need them.
 * - Lone UTF-16 surrogates and the non-characters U+FFFE and U+FFFF: not text, and not allowed in XML.
 */

// Built from code points so the source file itself holds no invisible character.
const FORBIDDEN = new RegExp(
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F\\u202A-\\u202E\\u2066-\\u2069\\uFFFE\\uFFFF]' +
    '|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]',
);

export interface ForbiddenCharacter {
  /** 0-based index in the string (UTF-16 units, as JavaScript counts). */
  index: number;
  /** "U+0000". */
  codePoint: string;
  kind: 'control' | 'bidi' | 'not-a-character';
}

/** The first forbidden character of a text, or null when the text may be stored. */
export function forbiddenCharacter(text: string): ForbiddenCharacter | null {
  const match = FORBIDDEN.exec(text);
  if (!match) return null;
  const unit = match[0].charCodeAt(0);
  const kind = unit <= 0x7f ? 'control' : unit >= 0x202a && unit <= 0x2069 ? 'bidi' : 'not-a-character';
  return { index: match.index, codePoint: `U+${unit.toString(16).toUpperCase().padStart(4, '0')}`, kind };
}

export const isAcceptableText = (text: string): boolean => !FORBIDDEN.test(text);

const KIND_LABELS: Record<ForbiddenCharacter['kind'], string> = {
  control: 'un caractère de contrôle',
  bidi: 'un caractère de contrôle bidirectionnel',
  'not-a-character': 'un code qui n’est pas un caractère',
};

/** Null when the text is acceptable; else why not, in French, without the field's name (the caller names it). */
export function textInputProblem(text: string): string | null {
  const found = forbiddenCharacter(text);
  if (!found) return null;
  return `contient ${KIND_LABELS[found.kind]} (${found.codePoint}) en position ${found.index + 1}, interdit dans un texte`;
}
