export type CsvValue = string | number | boolean | null | undefined;

/**
 * RFC 4180: a field with a comma, a quote, a line break or surrounding spaces is quoted and its quotes doubled;
 * empty for null. Numbers are written with a dot, as every CSV reader expects, not with the French comma.
 */
export function escapeCsvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'boolean' ? (value ? 'oui' : 'non') : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A UTF-8 byte order mark first, so that spreadsheet software reads the accents right; CRLF line ends (RFC 4180). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(escapeCsvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
