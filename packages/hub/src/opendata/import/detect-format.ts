import { open } from 'node:fs/promises';
import { parseBoamp } from './boamp.js';
import { parseDecpCsv } from './decp-csv.js';
import { canonicalColumn } from './decp-csv-layouts.js';
import { parseDecpJson } from './decp-json.js';
import { parseEforms } from './eforms.js';
import { parseOcds } from './ocds.js';
import type { Parser } from './imported-notice.js';
import { parseTedR209 } from './ted-r209.js';

export const FORMATS = ['boamp', 'ted-r209', 'eforms', 'decp-json', 'decp-csv', 'ocds'] as const;
export type ImportFormat = (typeof FORMATS)[number];

export const PARSERS: Record<ImportFormat, Parser> = {
  boamp: parseBoamp,
  'ted-r209': parseTedR209,
  eforms: parseEforms,
  'decp-json': parseDecpJson,
  'decp-csv': parseDecpCsv,
  ocds: parseOcds,
};

export const FORMAT_LABELS: Record<ImportFormat, string> = {
  boamp: 'BOAMP notice (DILA XML)',
  'ted-r209': 'TED notice (TED_EXPORT R2.0.9)',
  eforms: 'TED notice (eForms UBL)',
  'decp-json': 'DECP JSON',
  'decp-csv': 'DECP CSV',
  ocds: 'OCDS 1.1 package (releases or records)',
};

export class UnknownFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownFormatError';
  }
}

/** The format of a file from its first kilobytes, whatever its name: the root element, a JSON key, a CSV header. */
export async function detectFormat(file: string): Promise<ImportFormat> {
  const handle = await open(file, 'r');
  let head: string;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(16 * 1024), 0, 16 * 1024, 0);
    head = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    await handle.close();
  }
  const text = head.trimStart();
  if (text.startsWith('<')) {
    const root = /<(?!\?|!)([\w:.-]+)/.exec(text.replace(/<!--[\s\S]*?-->/g, ''))?.[1]?.replace(/^.*:/, '');
    if (root === 'ANNONCE') return 'boamp';
    if (root === 'TED_EXPORT') return 'ted-r209';
    if (root === 'ContractNotice' || root === 'ContractAwardNotice' || root === 'PriorInformationNotice') return 'eforms';
    throw new UnknownFormatError(`an XML file whose root <${root ?? '?'}> is neither BOAMP (<ANNONCE>), TED R2.0.9 (<TED_EXPORT>) nor eForms`);
  }
  if (text.startsWith('{') || text.startsWith('[')) {
    if (/"marches"\s*:/.test(text)) return 'decp-json';
    // An OCDS release package or record package (OCDS 1.1, « Packaging data »).
    if (/"(releases|records)"\s*:\s*\[/.test(text)) return 'ocds';
    throw new UnknownFormatError('a JSON file with neither "marches" (DECP) nor "releases" or "records" (an OCDS package)');
  }
  const header = (text.split(/\r?\n/)[0] ?? '').split(/[;,\t]/).map((cell) => canonicalColumn(cell.replace(/^"|"$/g, '')));
  // Which of the tabular layouts it is, the CSV reader tells again from the same header (decp-csv-layouts.ts).
  if (header.includes('acheteur_id') && header.includes('montant')) return 'decp-csv';
  if (bytesAreBinary(head)) throw new UnknownFormatError('a binary file');
  throw new UnknownFormatError('neither XML (BOAMP, TED), DECP JSON, an OCDS package nor a DECP CSV (its header needs acheteur_id and montant)');
}

function bytesAreBinary(text: string): boolean {
  return text.includes('\u0000');
}
