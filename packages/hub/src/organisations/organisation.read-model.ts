import type { EntityManager, Knex } from '@mikro-orm/sqlite';
import type { OrganisationKind } from './organisation.entity.js';

/**
 * An organisation as its public view needs it: plain values from one SQL row, no entity to hydrate. Joined for a
 * query's fields only (`organisationColumnsFor`), the other columns come out undefined and are never resolved.
 */
export interface OrganisationRecord {
  id: string;
  siren: string;
  slug: string;
  name: string;
  kind: OrganisationKind;
  inseeCode: string | null;
  population: number | null;
}

type Row = Record<string, unknown>;

/** The columns of a record, for queries that join the organisation (selected as `<prefix><column>`). */
export const ORGANISATION_COLUMNS = ['id', 'siren', 'slug', 'name', 'kind', 'insee_code', 'population'] as const;

const COLUMNS_OF_FIELD: Record<string, readonly string[]> = {
  __typename: [],
  siren: [],
  slug: ['slug'],
  name: ['name'],
  kind: ['kind'],
  inseeCode: ['insee_code'],
  population: ['population'],
};

/**
 * The columns to join for these fields of `Organisation` (null: all); `siren` always, which the view reads.
 * A field missing here reads every column.
 */
export function organisationColumnsFor(fields: ReadonlySet<string> | null): string[] {
  if (!fields || [...fields].some((field) => !(field in COLUMNS_OF_FIELD))) return [...ORGANISATION_COLUMNS];
  return ['siren', ...new Set([...fields].flatMap((field) => COLUMNS_OF_FIELD[field] ?? []))];
}

export function organisationRecordFromRow(row: Row, prefix = ''): OrganisationRecord {
  const population = row[`${prefix}population`];
  return {
    id: row[`${prefix}id`] as string,
    siren: row[`${prefix}siren`] as string,
    slug: row[`${prefix}slug`] as string,
    name: row[`${prefix}name`] as string,
    kind: row[`${prefix}kind`] as OrganisationKind,
    inseeCode: row[`${prefix}insee_code`] as string | null,
    population: population === null || population === undefined ? null : Number(population),
  };
}

/** The organisations a condition selects, in one statement. */
async function organisationRecordsWhere(em: EntityManager, where: (query: Knex.QueryBuilder) => void): Promise<OrganisationRecord[]> {
  const query = em.getKnex()('organisation').select([...ORGANISATION_COLUMNS]);
  where(query);
  const rows = await em.getConnection().execute<Row[]>(query, [], 'all', em.getTransactionContext());
  return rows.map((row) => organisationRecordFromRow(row));
}

export function organisationRecordsByIds(em: EntityManager, ids: readonly string[]): Promise<OrganisationRecord[]> {
  return organisationRecordsWhere(em, (query) => query.whereIn('id', [...ids]));
}

/** The communes that are buyers, by INSEE code. */
export function communeOrganisationRecords(em: EntityManager, inseeCodes: readonly string[]): Promise<OrganisationRecord[]> {
  return organisationRecordsWhere(em, (query) => query.whereIn('insee_code', [...inseeCodes]).where('kind', 'COMMUNE'));
}
