import { SqliteKnexDialect } from '@mikro-orm/knex';

/**
 * How long a statement waits for another connection's (another process's) write lock before SQLITE_BUSY. Generous:
 * with several processes on a busy machine a writer may hold the lock for seconds while it waits for a CPU, and a
 * request that waits is better than one refused.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 20_000;

interface KnexTransaction {
  readOnly?: boolean;
  begin(connection: unknown): Promise<unknown>;
  query(connection: unknown, sql: string): Promise<unknown>;
}

/**
 * The SQLite dialect of MikroORM whose transactions begin IMMEDIATE (knex always sends a plain, deferred BEGIN).
 *
 * A deferred transaction starts as a reader and asks for the write lock at its first write. In WAL mode, when
 * another connection (another process on the same file: a second `serve`, an `import` while `serve` runs) has
 * written since the read began, that upgrade cannot succeed by waiting, so SQLite answers SQLITE_BUSY at once,
 * busy timeout or not. BEGIN IMMEDIATE takes the write lock first, waiting up to the busy timeout for it, so the
 * transaction's reads see the latest commit and its writes cannot be refused. Read-only transactions
 * (`readTransaction`) keep a deferred BEGIN. Savepoints (nested transactions) are unchanged: their outer transaction holds the lock.
 *
 * The hub uses one connection per process (knex's default pool for SQLite), so within a process transactions
 * already run one after the other; IMMEDIATE orders them across processes.
 */
export class ImmediateSqliteKnexDialect extends SqliteKnexDialect {
  transaction(...args: unknown[]): unknown {
    // knex's client type is not in MikroORM's declarations of the dialect.
    const base = SqliteKnexDialect.prototype as unknown as { transaction(this: unknown, ...rest: unknown[]): KnexTransaction };
    const transaction = base.transaction.apply(this, args);
    // knex calls begin() on a later tick, once the connection is acquired, so replacing it here is in time.
    // A read-only one (db/read-transaction.ts) stays a deferred reader, said explicitly: knex would warn that SQLite
    // ignores read-only and isolation levels, which is exactly what is meant.
    transaction.begin = (connection) => transaction.query(connection, transaction.readOnly ? 'BEGIN DEFERRED;' : 'BEGIN IMMEDIATE;');
    return transaction;
  }
}

/** Called by knex's pool on each new SQLite connection, before any statement of ours. */
export function configureSqliteConnection(
  connection: { exec(sql: string, callback: (error: Error | null) => void): void },
  done: (error: Error | null, connection: unknown) => void,
): void {
  connection.exec(`pragma busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}; pragma journal_mode = wal;`, (error) => done(error, connection));
}
