// The CSV files the site writes, read back by the tests the way a spreadsheet reads them: one small RFC 4180 reader
// shared by the unit tests and the browser tests, so that they all check the files against the same rules.

/**
 * RFC 4180, as a spreadsheet reads it: quoted fields may hold commas, quotes and line breaks; a leading BOM is
 * dropped. Records end with CRLF, as the site writes them; a last record without one is not returned.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && body[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  return rows;
}
