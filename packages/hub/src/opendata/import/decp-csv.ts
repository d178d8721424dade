import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { BrokenRecordError, type ParsedItem, type Parser } from './imported-notice.js';
import { decpRecord } from './decp-json.js';
import { contractSignature } from './decp-mapping.js';
import { canonicalColumn, categoryNature, layoutOf, type DecpCsvLayout } from './decp-csv-layouts.js';

/** The consolidated files use `;` or `,`: the header line says which. */
async function delimiterOf(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8192), 0, 8192, 0);
    const header = buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/)[0] ?? '';
    return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  } finally {
    await handle.close();
  }
}

/**
 * A tabular DECP file (`decp-csv-layouts.ts` lists the layouts, told apart by their header): streamed row by row;
 * each row is checked like a DECP JSON record, and a bad row fails the file naming its line. A contract whose
 * holders take several adjacent rows (same uid) is yielded once with all of them.
 */
export const parseDecpCsv: Parser = async function* (file, onProgress) {
  const delimiter = await delimiterOf(file);
  const source = createReadStream(file);
  let bytes = 0;
  source.on('data', (chunk) => {
    bytes += chunk.length;
    onProgress(bytes);
  });
  let layout: DecpCsvLayout | null = null;
  const rows = parse({
    delimiter,
    bom: true,
    columns: (header: string[]) => {
      const columns = header.map(canonicalColumn);
      const result = layoutOf(columns);
      if ('missing' in result) throw new BrokenRecordError('line 1', `the header lacks the column(s) ${result.missing.join(', ')}`);
      layout = result.layout;
      return columns;
    },
    info: true,
    relax_column_count: false,
    skip_empty_lines: true,
    // A row of empty cells (`;;;;`, as spreadsheets save the blank rows under a table) is no record.
    skip_records_with_empty_values: true,
    trim: true,
  });
  pipeline(source, rows, () => undefined);
  let pending: { key: string; item: ParsedItem } | null = null;
  try {
    for await (const { record, info } of rows as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      const location = `line ${info.lines}`;
      const item = decpRecord(rowToRecord(record, layout!), location, 2, layout === 'consolidated' ? { nature: categoryNature(record.type) } : {});
      const key = item.kind === 'notice' ? item.notice.sourceId : `skip:${info.lines}`;
      if (pending && pending.key === key && pending.item.kind === 'notice' && item.kind === 'notice' && contractSignature(pending.item.notice) === contractSignature(item.notice)) {
        const award = pending.item.notice.lots[0]?.award;
        for (const supplier of item.notice.lots[0]?.award?.suppliers ?? []) award?.suppliers.push(supplier);
        // The record is named by its first row: a warning of this one says its own line.
        for (const warning of item.notice.warnings) pending.item.notice.warnings.push(`on ${location}, ${warning}`);
        continue;
      }
      if (pending) yield pending.item;
      pending = { key, item };
    }
    if (pending) yield pending.item;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new BrokenRecordError(`line ${line ?? '?'}`, `CSV is malformed: ${error.message.replace(/^Invalid Record Length: /, '')}`);
    }
    throw error;
  } finally {
    source.destroy();
  }
};

/** A row as a DECP record, so that both formats go through the same checks and mapping. */
function rowToRecord(row: Record<string, string>, layout: DecpCsvLayout): Record<string, unknown> {
  const value = (key: string) => (row[key] === undefined || row[key] === '' ? undefined : row[key]);
  const holder = (suffix: string) => {
    const id = value(`titulaire_id${suffix}`);
    // `_field`: the column, for the warning about an id that is no SIRET.
    return id ? [{ id, typeIdentifiant: value(`titulaire_typeIdentifiant${suffix}`) ?? 'SIRET', denominationSociale: value(`titulaire_nom${suffix}`), _field: `titulaire_id${suffix}` }] : [];
  };
  const holders =
    layout === 'numbered-holders'
      ? Object.keys(row)
          .filter((column) => column.startsWith('titulaire_id#'))
          .sort((a, b) => Number(a.slice(13)) - Number(b.slice(13)))
          .flatMap((column) => holder(column.slice(12)))
      : holder('');
  // In the consolidated layout `type` is the category (Travaux…): every row there is a contract (marché).
  const type = layout === 'consolidated' ? 'Marché' : (value('type') ?? (value('nature')?.toLowerCase().includes('concession') ? value('nature') : undefined));
  return {
    uid: value('uid'),
    id: value('id') ?? value('uid'),
    _type: type,
    objet: value('objet'),
    codeCPV: value('codeCPV'),
    procedure: value('procedure'),
    dureeMois: value('dureeMois'),
    dateNotification: value('dateNotification'),
    datePublicationDonnees: value('datePublicationDonnees'),
    montant: value('montant'),
    formePrix: value('formePrix'),
    offresRecues: value('offresRecues'),
    ccag: value('ccag'),
    idAccordCadre: value('idAccordCadre'),
    acheteur: { id: value('acheteur_id'), nom: value('acheteur_nom'), _field: 'acheteur_id' },
    lieuExecution: value('lieu_code') ? { code: value('lieu_code'), typeCode: value('lieu_typeCode') } : undefined,
    titulaires: holders,
  };
}
