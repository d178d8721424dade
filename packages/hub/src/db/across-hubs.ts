import { LockMode } from '@mikro-orm/core';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/sqlite';

/** Whether this EntityManager talks to PostgreSQL (row and advisory locks) rather than to the SQLite file. */
export function onPostgreSql(em: EntityManager): boolean {
  return em.getPlatform() instanceof PostgreSqlPlatform;
}

/**
 * Makes the rest of the transaction run alone among every hub process on the database, for work that one of them
 * must do at a time (closing passed deadlines). On PostgreSQL a transaction-scoped advisory lock, released at commit
 * or rollback, so the next one in line reads what this one committed; on SQLite nothing more is needed: a write
 * transaction already holds the database's write lock from its first statement (BEGIN IMMEDIATE).
 */
export async function runAloneAcrossHubs(em: EntityManager, name: string): Promise<void> {
  if (!onPostgreSql(em)) return;
  await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`territoire-achats:${name}`]);
}

/**
 * `runAloneAcrossHubs` for several names at once, in one statement: the locks are taken in the names' order, so
 * that two transactions asking for some of the same names cannot each hold one the other waits for.
 */
export async function runAloneAcrossHubsForEach(em: EntityManager, names: string[]): Promise<void> {
  if (!onPostgreSql(em) || names.length === 0) return;
  const keys = [...new Set(names)].map((name) => `territoire-achats:${name}`);
  // A volatile function of the select list is evaluated after the ORDER BY (PostgreSQL 9.6 and later).
  await em.execute(`select pg_advisory_xact_lock(hashtext(name)) from (values ${keys.map(() => '(?)').join(', ')}) as names(name) order by name`, keys);
}

/**
 * The lock mode that claims the rows a query reads for this transaction and lets another hub's same query pass over
 * them (`for update skip locked` on PostgreSQL); none on SQLite, where the write transaction is alone anyway.
 */
export function claimRowsLockMode(em: EntityManager): { lockMode?: LockMode.PESSIMISTIC_PARTIAL_WRITE } {
  return onPostgreSql(em) ? { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE } : {};
}
