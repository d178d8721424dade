import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { foldText } from '../../shared/text.js';
import { BrokenRecordError, type ParsedItem, type Parser } from './imported-notice.js';
import { decpRecord } from './decp-json.js';

/** Header names as data.gouv and decp.info write them, folded to one spelling. */
const ALIASES: Record<string, string> = {
  uid: 'uid',
  id: 'id',
  type: 'type',
  _type: 'type',
  nature: 'nature',
  objet: 'objet',
  codecpv: 'codeCPV',
  procedure: 'procedure',
  dureemois: 'dureeMois',
  datenotification: 'dateNotification',
  datepublicationdonnees: 'datePublicationDonnees',
  montant: 'montant',
  formeprix: 'formePrix',
  acheteur_id: 'acheteur_id',
  acheteur_nom: 'acheteur_nom',
  titulaire_id: 'titulaire_id',
  titulaire_nom: 'titulaire_nom',
  titulaire_denominationsociale: 'titulaire_nom',
  titulaire_typeidentifiant: 'titulaire_typeIdentifiant',
  lieuexecution_code: 'lieu_code',
  lieuexecution_typecode: 'lieu_typeCode',
  offresrecues: 'offresRecues',
  ccag: 'ccag',
  marcheinnovant: 'marcheInnovant',
  soustraitancedeclaree: 'sousTraitanceDeclaree',
  attributionavance: 'attributionAvance',
  typegroupementoperateurs: 'typeGroupementOperateurs',
  idaccordcadre: 'idAccordCadre',
};
const REQUIRED = ['acheteur_id', 'montant', 'dateNotification'];

const normalise = (header: string) => ALIASES[foldText(header).replace(/[.\s-]+/g, '_')] ?? header;

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
 * The consolidated DECP CSV of data.gouv: one row per contract and holder (a contract with two holders takes two
 * rows with the same uid, which become one notice with a co-supplier). Streamed row by row; each row is checked
 * like a DECP JSON record, and a bad row fails the file naming its line.
 */
export const parseDecpCsv: Parser = async function* (file, onProgress) {
  const delimiter = await delimiterOf(file);
  const source = createReadStream(file);
  let bytes = 0;
  source.on('data', (chunk) => {
    bytes += chunk.length;
    onProgress(bytes);
  });
  const rows = parse({ delimiter, bom: true, columns: (header: string[]) => header.map(normalise), info: true, relax_column_count: false, skip_empty_lines: true, trim: true });
  pipeline(source, rows, () => undefined);
  let pending: { key: string; item: ParsedItem } | null = null;
  let checkedHeader = false;
  try {
    for await (const { record, info } of rows as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (!checkedHeader) {
        const missing = REQUIRED.filter((column) => !(column in record) );
        if (!('uid' in record) && !('id' in record)) missing.unshift('uid or id');
        if (missing.length) throw new BrokenRecordError('line 1', `the header lacks the column(s) ${missing.join(', ')}`);
        checkedHeader = true;
      }
      const location = `line ${info.lines}`;
      const item = decpRecord(rowToRecord(record), location, 2);
      const key = item.kind === 'notice' ? item.notice.sourceId : `skip:${info.lines}`;
      if (pending && pending.key === key && pending.item.kind === 'notice' && item.kind === 'notice') {
        const award = pending.item.notice.lots[0]?.award;
        for (const supplier of item.notice.lots[0]?.award?.suppliers ?? []) award?.suppliers.push(supplier);
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
function rowToRecord(row: Record<string, string>): Record<string, unknown> {
  const value = (key: string) => (row[key] === undefined || row[key] === '' ? undefined : row[key]);
  const holderId = value('titulaire_id');
  return {
    uid: value('uid'),
    id: value('id') ?? value('uid'),
    _type: value('type') ?? (value('nature')?.toLowerCase().includes('concession') ? value('nature') : undefined),
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
    acheteur: { id: value('acheteur_id'), nom: value('acheteur_nom') },
    lieuExecution: value('lieu_code') ? { code: value('lieu_code'), typeCode: value('lieu_typeCode') } : undefined,
    titulaires: holderId
      ? [{ id: holderId, typeIdentifiant: value('titulaire_typeIdentifiant') ?? 'SIRET', denominationSociale: value('titulaire_nom') }]
      : [],
  };
}
