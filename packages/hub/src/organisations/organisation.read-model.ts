import type { EntityManager, Knex } from '@mikro-orm/sqlite';
import type { OrganisationKind } from './organisation.entity.js';

/** An organisation as its public view needs it: plain values from one SQL row, no entity to hydrate. */
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

function organisationRecordFromRow(row: Row): OrganisationRecord {
  return {
    id: row.id as string,
    siren: row.siren as string,
    slug: row.slug as string,
    name: row.name as string,
    kind: row.kind as OrganisationKind,
    inseeCode: row.insee_code as string | null,
    population: row.population === null ? null : Number(row.population),
  };
}

/** The organisations a condition selects, in one statement. */
async function organisationRecordsWhere(em: EntityManager, where: (query: Knex.QueryBuilder) => void): Promise<OrganisationRecord[]> {
  const query = em.getKnex()('organisation').select('id', 'siren', 'slug', 'name', 'kind', 'insee_code', 'population');
  where(query);
  const rows = await em.getConnection().execute<Row[]>(query, [], 'all', em.getTransactionContext());
  return rows.map(organisationRecordFromRow);
}

export function organisationRecordsByIds(em: EntityManager, ids: readonly string[]): Promise<OrganisationRecord[]> {
  return organisationRecordsWhere(em, (query) => query.whereIn('id', [...ids]));
}

/** The communes that are buyers, by INSEE code. */
export function communeOrganisationRecords(em: EntityManager, inseeCodes: readonly string[]): Promise<OrganisationRecord[]> {
  return organisationRecordsWhere(em, (query) => query.whereIn('insee_code', [...inseeCodes]).where('kind', 'COMMUNE'));
}
