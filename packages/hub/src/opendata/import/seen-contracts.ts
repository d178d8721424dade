import type { EntityManager, Knex } from '@mikro-orm/sqlite';
import type { Row } from '../../shared/row-values.js';
import { onPostgreSql } from '../../db/across-hubs.js';
import { chunks, runStatement } from './notice-store.js';

export interface SeenContract {
  signature: string;
  location: string;
  /** What the file did to the notice so far, so that it is counted once: created, updated or left unchanged. */
  outcome: 'created' | 'updated' | 'unchanged';
}

/**
 * The records one file's import has written, by source key, with what makes them one contract and where the first
 * was (`decp-mapping.ts`, contractSignature): a later record of the same key is another holder of that contract, or
 * another contract under the same identifier. Kept in a temporary table of the file's transaction rather than in
 * memory, so a national file of a million contracts keeps the import's memory flat; looked up a batch at a time.
 * The table goes with the transaction (dropped at the end, or rolled back with it).
 */
export class SeenContracts {
  private constructor(private readonly em: EntityManager) {}

  private get knex(): Knex {
    return this.em.getKnex();
  }

  private run(query: Knex.QueryBuilder | Knex.Raw | string, method: 'all' | 'run' = 'all'): Promise<Row[]> {
    return runStatement(this.em, query, method);
  }

  static async create(em: EntityManager): Promise<SeenContracts> {
    const seen = new SeenContracts(em);
    // On SQLite, without rowid: the rows live in the key's own B-tree instead of a table plus an index on the key,
    // one B-tree insert per record instead of two (a million of them for a national file).
    const withoutRowid = onPostgreSql(em) ? '' : ' without rowid';
    await seen.run(`create temporary table import_seen (seen_key varchar(200) primary key, signature text not null, location varchar(200) not null, outcome varchar(10) not null)${withoutRowid}`, 'run');
    return seen;
  }

  // On SQLite (where this table is temporary) a chunk goes as one JSON parameter unpacked by `json_each`, as
  // NoticeStore's statements do: a knex `whereIn` or multi-row insert of 500 rows binds up to 1,500 values one by one.
  async lookup(keys: string[]): Promise<Map<string, SeenContract>> {
    const found = new Map<string, SeenContract>();
    for (const chunk of chunks([...new Set(keys)], 500)) {
      const rows = onPostgreSql(this.em)
        ? await this.run(this.knex('import_seen').select('seen_key', 'signature', 'location', 'outcome').whereIn('seen_key', chunk))
        : await this.run(this.knex.raw('select seen_key, signature, location, outcome from import_seen where seen_key in (select value from json_each(?))', [JSON.stringify(chunk)]));
      for (const row of rows) found.set(String(row.seen_key), { signature: String(row.signature), location: String(row.location), outcome: String(row.outcome) as SeenContract['outcome'] });
    }
    return found;
  }

  /** Records the entries, new ones and those of earlier batches whose outcome changed. */
  async add(entries: Map<string, SeenContract>): Promise<void> {
    const rows = [...entries].map(([key, value]) => ({ seen_key: key, signature: value.signature, location: value.location, outcome: value.outcome }));
    for (const chunk of chunks(rows, 500)) {
      if (onPostgreSql(this.em)) await this.run(this.knex('import_seen').insert(chunk).onConflict('seen_key').merge(['outcome']), 'run');
      else
        await this.run(
          // `where true`: SQLite's grammar needs it between a SELECT and its upsert clause.
          this.knex.raw(
            'insert into import_seen (seen_key, signature, location, outcome) select value ->> 0, value ->> 1, value ->> 2, value ->> 3 from json_each(?) where true on conflict (seen_key) do update set outcome = excluded.outcome',
            [JSON.stringify(chunk.map((row) => [row.seen_key, row.signature, row.location, row.outcome]))],
          ),
          'run',
        );
    }
  }

  async drop(): Promise<void> {
    await this.run('drop table import_seen', 'run');
  }
}
