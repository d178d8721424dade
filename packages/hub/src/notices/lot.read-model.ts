import type { EntityManager } from '@mikro-orm/sqlite';
import type { SupplierRecord } from './contract-essentials.js';
import type { LotStatus } from './notice-enums.js';
import { jsonOf, nullableBooleanOf } from './row-values.js';

export interface AwardRecord {
  supplierName: string;
  supplierSiret: string | null;
  sme: boolean | null;
  supplierCommune: string | null;
  amount: number | null;
  awardedOn: string;
  coSuppliers: SupplierRecord[];
}

/** A lot as its public view needs it, with its award: plain values read from one SQL row, no entity. */
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

/**
 * The lots of these notices, each notice's by number, in one statement; with their awards (joined) when
 * `withAwards`, otherwise `award` is null.
 */
export async function lotRecordsOfNotices(em: EntityManager, noticeIds: readonly string[], withAwards = true): Promise<LotRecord[]> {
  const query = em
    .getKnex()('lot as l')
    .select(['l.notice_id', 'l.number', 'l.title', 'l.cpv', 'l.estimated_value', 'l.status', 'l.unsuccessful_reason'])
    .whereIn('l.notice_id', [...noticeIds])
    .orderBy('l.number');
  if (withAwards) {
    query
      .leftJoin('award as a', 'a.lot_id', 'l.id')
      .select(['a.id as award_id', 'a.supplier_name', 'a.supplier_siret', 'a.sme', 'a.supplier_commune', 'a.amount'])
      .select(['a.awarded_on', 'a.co_suppliers']);
  }
  const rows = await em.getConnection().execute<Row[]>(query, [], 'all', em.getTransactionContext());
  return rows.map(lotRecordFromRow);
}
