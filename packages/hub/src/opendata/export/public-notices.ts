import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/sqlite';
import { readTransaction } from '../../db/read-transaction.js';
import type { ContractEssentials, SupplierRecord } from '../../notices/contract-essentials.js';
import type { FieldChangeRecord } from '../../notices/corrigendum.entity.js';
import { noticeColumnsOf } from '../../notices/notice-columns.js';
import type { LotStatus } from '../../notices/notice-enums.js';
import { NOTICE_STATUSES, PUBLIC_STATUSES } from '../../notices/notice-lifecycle.js';
import { booleanOf, dateOf, jsonOf, nullableBooleanOf, nullableJsonOf, nullableNumberOf, type Row } from '../../shared/row-values.js';
import { isWithoutCall, type OpenDataCorrigendum, type OpenDataLot, type OpenDataNotice } from './open-data-notice.js';

/**
 * Every public notice (drafts never leave the hub) with its buyer, lots, awards and corrections, in pages so that
 * an export of any size holds one page in memory. Ordered by id: a stable order that new notices cannot reshuffle
 * mid-export.
 *
 * Each page is three plain statements (notices with buyer and family, lots with awards, corrigenda) read in one
 * read-only transaction, so a page is one consistent state and no writer waits for an export (on SQLite a write
 * transaction would have held the file's write lock for each page, stopping every hub's writes meanwhile), and mapped straight to plain records: populating entities spent
 * most of an export's time in hydration and identity-map bookkeeping for data that is only read.
 */
export async function* publicNotices(orm: MikroORM, pageSize = 500, options: PublicNoticesOptions = {}): AsyncGenerator<OpenDataNotice> {
  if (options.awardedOnly) {
    const ids = await awardedNoticeIds(orm);
    for (let start = 0; start < ids.length; start += pageSize) {
      const chunk = ids.slice(start, start + pageSize);
      yield* await readTransaction(orm, (em) => readPage(em, { ids: chunk }, pageSize));
    }
    return;
  }
  let after = '';
  for (;;) {
    const page = await readTransaction(orm, (em) => readPage(em, { after }, pageSize));
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.id;
  }
}

export interface PublicNoticesOptions {
  /**
   * Only the notices with an awarded lot that has its award (what the DECP lists): the others are not read at all,
   * where the DECP export used to read and map every public notice (50,000 open notices, 19 s of the hub's thread,
   * for an empty file).
   */
  awardedOnly?: boolean;
}

/**
 * The ids of the notices with an awarded lot that has its award, in order, found from the awards: one statement that
 * reads the award table and a lot by its key per award. Asked of each page (`exists` per notice), SQLite walked the
 * notice table from the page's first id and looked for awards notice by notice: with 50,000 open notices and no
 * award, the first page's one statement read the whole table for an empty answer, 1.5 to 3 s during which the hub's
 * one connection answered nothing else (the slow path asks for the DECP first, while a publication's reads arrive).
 * `cross join` makes SQLite start from the awards (PostgreSQL plans it as the inner join it is).
 */
async function awardedNoticeIds(orm: MikroORM): Promise<string[]> {
  const rows = await readTransaction(orm, async (em) => {
    const knex = em.getKnex();
    const query = knex
      .select('al.notice_id')
      .from(knex.raw('?? cross join ??', ['award as aa', 'lot as al']))
      .whereRaw('?? = ??', ['al.id', 'aa.lot_id'])
      .andWhere('al.status', 'AWARDED')
      .groupBy('al.notice_id')
      // In the database's order of ids, as each page is: the notices come in the same order as the other exports'.
      .orderBy('al.notice_id', 'asc');
    return em.getConnection().execute<Row[]>(query, [], 'all', em.getTransactionContext());
  });
  return rows.map((row) => row.notice_id as string);
}

/** A page of public notices: those after an id (in order, at most `pageSize`), or those of a list of ids. */
type PageOf = { after: string } | { ids: string[] };

async function readPage(em: EntityManager, of: PageOf, pageSize: number): Promise<OpenDataNotice[]> {
  const knex = em.getKnex();
  const rows = (query: Knex.QueryBuilder) => em.getConnection().execute<Row[]>(query, [], 'all', em.getTransactionContext());
  const noticeRows = await rows(
    knex('notice as n')
      .join('organisation as o', 'o.id', 'n.organisation_id')
      .leftJoin('purchasing_family as f', 'f.id', 'n.family_id')
      .leftJoin('planned_purchase as pp', function () {
        this.on('pp.notice_id', '=', 'n.id').andOnVal('pp.status', '=', 'LAUNCHED');
      })
      .select(NOTICE_COLUMNS)
      .whereNotIn('n.status', NOT_PUBLIC)
      .modify((query) => {
        if ('ids' in of) query.whereIn('n.id', of.ids);
        else query.andWhere('n.id', '>', of.after);
      })
      .orderBy('n.id', 'asc')
      .limit(pageSize),
  );
  if (noticeRows.length === 0) return [];
  const ids = noticeRows.map((row) => row.id as string);
  const [lotRows, corrigendumRows] = await Promise.all([
    rows(
      knex('lot as l')
        .leftJoin('award as a', 'a.lot_id', 'l.id')
        .select(LOT_COLUMNS)
        .whereIn('l.notice_id', ids)
        .orderBy([{ column: 'l.notice_id' }, { column: 'l.number' }]),
    ),
    rows(
      knex('corrigendum as c')
        .select(CORRIGENDUM_COLUMNS)
        .whereIn('c.notice_id', ids)
        .orderBy([{ column: 'c.notice_id' }, { column: 'c.published_at' }, { column: 'c.id' }]),
    ),
  ]);
  const lots = groupBy(lotRows, lotOf);
  const corrigenda = groupBy(corrigendumRows, corrigendumOf);
  return noticeRows.map((row) => noticeOf(row, lots.get(row.id as string) ?? [], corrigenda.get(row.id as string) ?? []));
}

/**
 * Public notices are found as those whose status is not one of the others (drafts): `status in (…public…)` made
 * SQLite walk the status index and sort every public notice again for each page (quadratic in the number of notices),
 * where `not in` leaves it the primary key, read in order from `id > after` and stopped at the page size.
 */
const NOT_PUBLIC = NOTICE_STATUSES.filter((status) => !PUBLIC_STATUSES.includes(status));

const NOTICE_COLUMNS = [
  'n.id', 'n.reference', 'n.title', 'n.description', 'n.status', 'n.nature', 'n.procedure', 'n.main_cpv',
  'n.additional_cpvs', 'n.estimated_value', 'n.estimated_value_public', 'n.place_of_performance_insee',
  'n.submission_deadline', 'n.electronic_submission', 'n.created_at', 'n.published_at', 'n.closed_at',
  'n.cancelled_at', 'n.cancellation_reason', 'n.social_clause', 'n.environmental_clause', 'n.reserved_for',
  'n.framework_agreement', 'n.framework_duration_months', 'n.source_system', 'n.source_id',
  'n.source_date',
  'o.id as buyer_id', 'o.name as buyer_name', 'o.siren as buyer_siren', 'o.siret as buyer_siret',
  'o.insee_code as buyer_insee_code', 'f.slug as family_slug', 'pp.reference as planned_purchase_reference',
];

const LOT_COLUMNS = [
  'l.notice_id', 'l.number', 'l.title', 'l.cpv', 'l.estimated_value', 'l.status',
  'a.id as award_id', 'a.created_at as award_created_at', 'a.supplier_name', 'a.supplier_siret', 'a.sme', 'a.amount',
  'a.co_suppliers', 'a.contract', 'a.awarded_on',
];

const CORRIGENDUM_COLUMNS = ['c.notice_id', 'c.published_at', 'c.reason', 'c.changes'];

/** Rows ordered by notice, as records grouped by notice id, in the rows' order. */
function groupBy<T>(rows: Row[], map: (row: Row) => T): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const noticeId = row.notice_id as string;
    let group = groups.get(noticeId);
    if (!group) groups.set(noticeId, (group = []));
    group.push(map(row));
  }
  return groups;
}

function noticeOf(row: Row, lots: OpenDataLot[], corrigenda: OpenDataCorrigendum[]): OpenDataNotice {
  return {
    ...noticeColumnsOf(row),
    electronicSubmission: booleanOf(row.electronic_submission),
    createdAt: dateOf(row.created_at),
    sourceSystem: row.source_system as string | null,
    sourceId: row.source_id as string | null,
    withoutCall: isWithoutCall({ sourceSystem: row.source_system as string | null, sourceDate: row.source_date as string | null }),
    organisation: {
      id: row.buyer_id as string,
      name: row.buyer_name as string,
      siren: row.buyer_siren as string,
      siret: row.buyer_siret as string | null,
      inseeCode: row.buyer_insee_code as string | null,
    },
    familySlug: row.family_slug as string | null,
    plannedPurchaseReference: (row.planned_purchase_reference as string | null | undefined) ?? null,
    lots,
    corrigenda,
  };
}

function lotOf(row: Row): OpenDataLot {
  return {
    number: Number(row.number),
    title: row.title as string,
    cpv: row.cpv as string,
    estimatedValue: nullableNumberOf(row.estimated_value),
    status: row.status as LotStatus,
    award:
      row.award_id === null || row.award_id === undefined
        ? null
        : {
            id: row.award_id as string,
            createdAt: dateOf(row.award_created_at),
            supplierName: row.supplier_name as string,
            supplierSiret: row.supplier_siret as string | null,
            sme: nullableBooleanOf(row.sme),
            amount: nullableNumberOf(row.amount),
            coSuppliers: jsonOf<SupplierRecord[]>(row.co_suppliers),
            contract: nullableJsonOf<ContractEssentials>(row.contract),
            awardedOn: row.awarded_on as string,
          },
  };
}

function corrigendumOf(row: Row): OpenDataCorrigendum {
  return {
    publishedAt: dateOf(row.published_at),
    reason: row.reason as string,
    changes: jsonOf<FieldChangeRecord[]>(row.changes),
  };
}
