import { IsolationLevel, type MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';

/**
 * Runs `work` in a read-only transaction: several statements that see one state of the database, without holding
 * or waiting for any writer. On SQLite a deferred BEGIN (db/sqlite-immediate-dialect.ts), a reader that WAL mode
 * lets run beside another process's write lock, where a write transaction (BEGIN IMMEDIATE) would wait for it and
 * then hold every writer of every hub until it ends; on PostgreSQL `repeatable read, read only`, one snapshot for
 * every statement. Nothing written through `em` inside is flushed.
 */
export function readTransaction<T>(orm: MikroORM, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return (orm.em.fork() as EntityManager).transactional(work, { readOnly: true, isolationLevel: IsolationLevel.REPEATABLE_READ });
}
