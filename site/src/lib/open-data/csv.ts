export type CsvValue = string | number | boolean | null | undefined;

/**
 * A text cell a spreadsheet would read as a formula (OWASP, "CSV Injection"): one starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return. Such text comes from whoever typed a title or a supplier's name, never from us.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell. Text that could start a formula gets a leading apostrophe, as OWASP advises, so LibreOffice and
 * Excel show it as text instead of evaluating it; numbers are numbers (a negative amount stays `-12.5`).
 * Then RFC 4180: a field with a comma, a quote, a line break or surrounding spaces is quoted and its quotes
 * doubled; empty for null. Numbers are written with a dot, as every CSV reader expects, not with the French comma.
 */
export function escapeCsvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let text = typeof value === 'boolean' ? (value ? 'oui' : 'non') : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A UTF-8 byte order mark first, so that spreadsheet software reads the accents right; CRLF line ends (RFC 4180). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(escapeCsvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
