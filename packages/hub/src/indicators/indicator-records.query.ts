import type { EntityManager } from '@mikro-orm/sqlite';
import { Lot } from '../notices/lot.entity.js';
import { Notice } from '../notices/notice.entity.js';
import { getTerritory, getVarCommune } from '../reference/territory.js';
import { columnsAs, dateOf, nullableBooleanOf, nullableNumberOf } from '../shared/row-values.js';
import type { IndicatorLot, IndicatorNotice } from './indicator-records.js';
import { parisDateCache } from './paris-date-cache.js';
import { isPlausibleAmount } from '../notices/plausibility.js';

/** Values as the drivers return them: SQLite gives 0/1 and epoch milliseconds, PostgreSQL booleans and Dates. */
type Flag = boolean | number;
type Instant = Date | number | bigint | string;

interface NoticeRow {
  id: string;
  organisation_siren: string;
  family_slug: string | null;
  family_name: string | null;
  nature: string;
  notice_procedure: string;
  place_insee: string | null;
  published_at: Instant;
  status: string;
  environmental_clause: Flag;
  social_clause: Flag;
  reserved_for: string;
  estimated_value_public: Flag;
}

interface LotRow {
  notice_id: string;
  estimated_value: number | string | null;
  award_id: string;
  amount: number | string | null;
  sme: Flag | null;
  supplier_insee_code: string | null;
  awarded_on: string;
}

// Published notices only: a draft is nobody's business yet.
const PUBLISHED = { status: { $ne: 'DRAFT' }, publishedAt: { $ne: null } } as const;


/**
 * Every published notice as the indicators read it, with its awarded lots (the only lots a figure counts). An
 * estimate the buyer keeps private is left out (null), so no aggregate can reveal it.
 *
 * Two plain statements (notices with their buyer and family; awarded lots with their award) grouped here, rather than
 * hydrated entities: at 10,000 notices the entities cost seconds and gigabytes for a dozen columns.
 */
export async function loadIndicatorRecords(em: EntityManager): Promise<IndicatorNotice[]> {
  const noticeRows: NoticeRow[] = await em
    .createQueryBuilder(Notice, 'n')
    .select(
      columnsAs({
        id: 'n.id',
        organisation_siren: 'o.siren',
        family_slug: 'f.slug',
        family_name: 'f.name',
        nature: 'n.nature',
        notice_procedure: 'n.procedure',
        place_insee: 'n.place_of_performance_insee',
        published_at: 'n.published_at',
        status: 'n.status',
        environmental_clause: 'n.environmental_clause',
        social_clause: 'n.social_clause',
        reserved_for: 'n.reserved_for',
        estimated_value_public: 'n.estimated_value_public',
      }),
    )
    .join('n.organisation', 'o')
    .leftJoin('n.family', 'f')
    .where(PUBLISHED)
    .orderBy({ publishedAt: 'asc', reference: 'asc' })
    .execute('all', false);
  const lotRows: LotRow[] = await em
    .createQueryBuilder(Lot, 'l')
    .select(
      columnsAs({
        notice_id: 'l.notice_id',
        estimated_value: 'l.estimated_value',
        award_id: 'a.id',
        amount: 'a.amount',
        sme: 'a.sme',
        supplier_insee_code: 'a.supplier_insee_code',
        awarded_on: 'a.awarded_on',
      }),
    )
    .join('l.notice', 'n')
    // Awarded lots only: a lot without award counts in no figure (awards, savings, suppliers, years), and at
    // 50,000 open notices reading every lot was 150,000 rows made into objects in one callback of the hub's thread.
    .join('l.award', 'a')
    .where({ 'n.status': PUBLISHED.status, 'n.publishedAt': PUBLISHED.publishedAt })
    // Said twice, so that SQLite starts from the awards (a temporary sort of those) instead of walking every lot in
    // the order asked for and looking each one's award up: 1 s at 50,000 open notices, for no award.
    .andWhere('l.id in (select awarded.lot_id from award as awarded)')
    .orderBy({ notice: 'asc', number: 'asc' })
    .execute('all', false);

  const lotsByNotice = new Map<string, LotRow[]>();
  for (const row of lotRows) {
    const lots = lotsByNotice.get(row.notice_id);
    if (lots) lots.push(row);
    else lotsByNotice.set(row.notice_id, [row]);
  }
  const parisDate = parisDateCache();
  return noticeRows.map((row) => {
    const estimatePublic = Boolean(row.estimated_value_public);
    const place = row.place_insee;
    return {
      organisationSiren: row.organisation_siren,
      familySlug: row.family_slug,
      familyName: row.family_name,
      nature: row.nature,
      procedure: row.notice_procedure,
      placeInsee: place,
      placeName: place ? (getVarCommune(place)?.name ?? place) : null,
      publishedOn: parisDate(dateOf(row.published_at)),
      cancelled: row.status === 'CANCELLED',
      environmentalClause: Boolean(row.environmental_clause),
      socialClause: Boolean(row.social_clause),
      reserved: row.reserved_for !== 'NONE',
      lots: (lotsByNotice.get(row.id) ?? []).map(
        (lot): IndicatorLot => ({
          estimatedValue: estimatePublic ? plausibleAmountOf(lot.estimated_value) : null,
          award: {
            amount: plausibleAmountOf(lot.amount),
            sme: nullableBooleanOf(lot.sme),
            supplierInseeCode: lot.supplier_insee_code,
            awardedOn: lot.awarded_on,
          },
        }),
      ),
    };
  });
}

/**
 * An amount as the figures may sum it: one stored before the plausibility rules (or written to the database by
 * hand) that is not finite, negative or above 100 billion euros counts as unknown, so no total overflows to Infinity
 * (which GraphQL cannot serialise) and no record can stop the indicators.
 */
function plausibleAmountOf(value: number | string | null): number | null {
  const amount = nullableNumberOf(value);
  return amount !== null && isPlausibleAmount(amount) ? amount : null;
}

/** The agglomeration's communes, for "suppliers of the territory". */
export function territoryInseeCodes(): Set<string> {
  return new Set(getTerritory().communes.map((commune) => commune.inseeCode));
}
