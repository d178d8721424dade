import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/sqlite';
import { onPostgreSql } from '../db/across-hubs.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { PASS_PAGE_CACHE_KIB, runRows, withPassPageCache } from './alert-rows.js';

describe('the page cache of a matching pass', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await startTestHub();
  });
  afterEach(() => hub.close());

  /** SQLite's `cache_size` of the connection (negative: KiB); null on PostgreSQL, whose buffers are the server's. */
  const cacheSize = async (em: EntityManager) => (onPostgreSql(em) ? null : Number((await runRows(em, em.getKnex().raw('pragma cache_size')))[0]!.cache_size));

  it('raises SQLite’s page cache for the pass only, and sets it back when the pass ends or fails', async () => {
    const em = hub.orm.em.fork();
    const before = await cacheSize(em);
    const during = await em.transactional((inner) => withPassPageCache(inner, () => cacheSize(inner)));
    expect(during).toBe(before === null ? null : -PASS_PAGE_CACHE_KIB);
    expect(await cacheSize(em)).toBe(before);

    const failed = em.transactional((inner) =>
      withPassPageCache(inner, async () => {
        throw new Error('pass failed');
      }),
    );
    await expect(failed).rejects.toThrow('pass failed');
    expect(await cacheSize(em)).toBe(before);
    if (before !== null) expect(before).not.toBe(-PASS_PAGE_CACHE_KIB);
  });
});
