import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/sqlite';
import { onPostgreSql } from '../db/across-hubs.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { MailMessage } from '../mail/mail-message.entity.js';
import { addressKey } from '../mail/mail-address.js';
import { alertMailGroup, insertAlertMails, mailItemsOf, PASS_PAGE_CACHE_KIB, runRows, storedMailItem, timeOrderedUuid, withPassPageCache } from './alert-rows.js';

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

describe('the ids of queued alert mails', () => {
  it('are version 7 UUIDs that sort by the millisecond they were made in, and never repeat', () => {
    const at = Date.UTC(2026, 11, 7, 12, 0, 0, 123);
    const ids = Array.from({ length: 2_000 }, (_, index) => timeOrderedUuid(at + Math.floor(index / 100)));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    for (let index = 100; index < ids.length; index += 100) expect(ids[index - 1]! < ids[index]!).toBe(true);
  });
});

describe('alert mails queued by a matching pass', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await startTestHub();
  });
  afterEach(() => hub.close());

  it('are read by the mail worker as pending mails of their subscription, due when asked, with no body yet', async () => {
    const now = new Date('2026-12-07T10:15:00.000Z');
    const tomorrow = new Date('2026-12-08T06:00:00.000Z');
    const mails = Array.from({ length: 1_203 }, (_, index) => ({
      kind: index % 3 === 0 ? 'alert.digest' : 'alert.published',
      to: ` Entreprise-${index}@Exemple.fr`,
      payload: { subscription: `subscription-${String(index).padStart(5, '0')}`, items: [{ reason: 'PUBLISHED' as const, reference: `AV-${index}` }] },
      dueAt: index % 3 === 0 ? tomorrow : now,
    }));
    await hub.orm.em.fork().transactional((em) => insertAlertMails(em, mails, now));

    const stored = await hub.orm.em.fork().find(MailMessage, {}, { orderBy: { groupKey: 'asc' } });
    expect(stored).toHaveLength(mails.length);
    for (const [index, mail] of stored.entries()) {
      const queued = mails[index]!;
      expect(mail).toMatchObject({
        kind: queued.kind,
        recipient: `entreprise-${index}@exemple.fr`,
        recipientKey: addressKey(queued.to),
        groupKey: alertMailGroup(queued.payload.subscription),
        payload: queued.payload,
        subject: '',
        text: '',
        html: null,
        headers: {},
        status: 'PENDING',
        attempts: 0,
        lastError: null,
        sentAt: null,
      });
      expect(mail.createdAt.getTime()).toBe(now.getTime());
      expect(mail.updatedAt.getTime()).toBe(now.getTime());
      expect(mail.nextAttemptAt?.getTime()).toBe(queued.dueAt.getTime());
    }
  });
});

describe('the items an alert mail stores', () => {
  it('are a publication’s reference alone and the other items whole, read back as they were, old payloads too', () => {
    const items = [
      { reason: 'PUBLISHED' as const, reference: '2026-DRA-0001' },
      { reason: 'CORRECTED' as const, reference: '2026-DRA-0002' },
      { reason: 'PLAN_UPDATED' as const, reference: 'PP-2026-0003', fields: ['launchQuarter'] },
    ];
    const payload = { subscription: 's-1', items: items.map(storedMailItem) };
    expect(payload.items).toEqual(['2026-DRA-0001', { reason: 'CORRECTED', reference: '2026-DRA-0002' }, { reason: 'PLAN_UPDATED', reference: 'PP-2026-0003', fields: ['launchQuarter'] }]);
    expect(mailItemsOf(JSON.parse(JSON.stringify(payload)))).toEqual(items);
    // Stored whole before the payloads were made compact: still pending in a database when the hub is upgraded.
    expect(mailItemsOf({ subscription: 's-1', items })).toEqual(items);
  });
});
