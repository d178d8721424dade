import type { EntityManager } from '@mikro-orm/sqlite';
import type { SupplierRecord } from './contract-essentials.js';
import type { LotStatus } from './notice-enums.js';
import { jsonOf, nullableBooleanOf } from '../shared/row-values.js';

export interface AwardRecord {
  supplierName: string;
  supplierSiret: string | null;
  sme: boolean | null;
  supplierCommune: string | null;
  amount: number | null;
  awardedOn: string;
  coSuppliers: SupplierRecord[];
}

/**
 * A lot as its public view needs it, with its award: plain values read from one SQL row, no entity. Read for a
 * query's fields only (`lotRecordsOfNotices`), the other columns come out undefined and are never resolved.
 */
export interface LotRecord {
  noticeId: string;
  number: number;
  title: string;
  cpv: string;
  estimatedValue: number | null;
  status: LotStatus;
  unsuccessfulReason: string | null;
  award: AwardRecord | null;
}

type Row = Record<string, unknown>;

function lotRecordFromRow(row: Row): LotRecord {
  return {
    noticeId: row.notice_id as string,
    number: row.number as number,
    title: row.title as string,
    cpv: row.cpv as string,
    estimatedValue: row.estimated_value as number | null,
    status: row.status as LotStatus,
    unsuccessfulReason: row.unsuccessful_reason as string | null,
    award:
      row.award_id === null || row.award_id === undefined
        ? null
        : {
            supplierName: row.supplier_name as string,
            supplierSiret: row.supplier_siret as string | null,
            sme: nullableBooleanOf(row.sme),
            supplierCommune: row.supplier_commune as string | null,
            amount: row.amount as number | null,
            awardedOn: row.awarded_on as string,
            coSuppliers: jsonOf<SupplierRecord[]>(row.co_suppliers),
          },
  };
}

const LOT_COLUMNS_OF_FIELD: Record<string, readonly string[]> = {
  __typename: [],
  number: [],
  title: ['title'],
  cpv: ['cpv'],
  estimatedValue: ['estimated_value'],
  status: ['status'],
  unsuccessfulReason: ['unsuccessful_reason'],
  award: [],
};
const ALL_LOT_COLUMNS = ['notice_id', 'number', 'title', 'cpv', 'estimated_value', 'status', 'unsuccessful_reason'];

/** Every field of `Lot` but its award: what a view without awards reads. */
export const LOT_FIELDS_WITHOUT_AWARD: ReadonlySet<string> = new Set(Object.keys(LOT_COLUMNS_OF_FIELD).filter((field) => field !== 'award'));

/**
 * The lots of these notices, each notice's by number, in one statement. `fields` are the fields of `Lot` a query
 * selects (null: all): only their columns are read, as for notices (`noticeColumnsFor`), and awards are joined only
 * when `award` is one of them, otherwise `award` is null. A field missing here reads every column.
 */
export async function lotRecordsOfNotices(
  em: EntityManager,
  noticeIds: readonly string[],
  fields: ReadonlySet<string> | null = null,
): Promise<LotRecord[]> {
  const known = fields !== null && [...fields].every((field) => field in LOT_COLUMNS_OF_FIELD);
  const columns = known
    ? ['notice_id', 'number', ...new Set([...fields].flatMap((field) => LOT_COLUMNS_OF_FIELD[field] ?? []))]
    : ALL_LOT_COLUMNS;
  const query = em
    .getKnex()('lot as l')
    .select(columns.map((column) => `l.${column}`))
    .whereIn('l.notice_id', [...noticeIds])
    .orderBy('l.number');
  if (!known || fields.has('award')) {
    query
      .leftJoin('award as a', 'a.lot_id', 'l.id')
      .select(['a.id as award_id', 'a.supplier_name', 'a.supplier_siret', 'a.sme', 'a.supplier_commune', 'a.amount'])
      .select(['a.awarded_on', 'a.co_suppliers']);
  }
  const rows = await em.getConnection().execute<Row[]>(query, [], 'all', em.getTransactionContext());
  return rows.map(lotRecordFromRow);
}
