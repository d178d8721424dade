import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTerritory } from '../seed/territory.seed.js';
import { parseConfig } from '../shared/config.js';
import { createStaffAccount } from '../staff/staff-account.service.js';
import { graphql, startHubProcess, type HubProcess } from '../test-support/hub-process.js';
import { noticeInput, PASSWORD, SIREN } from '../test-support/test-hub.js';
import { openOrm } from './orm.js';

// A hub process has one connection to its SQLite file, which its requests and its background workers (webhook
// fan-out, alerts, mails, deadlines, advice reminders) share. A worker pass that took the write lock while another
// process held it kept that connection waiting (up to the busy timeout) and every request of the hub behind it: under
// load, three hubs on one file timed out acquiring the connection. Idle passes now look before they lock.

const LIST = '{ notices(first: 5) { totalCount } }';
const CREATE = 'mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }';
const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';

async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`${what}: no answer within ${ms} ms`)), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('a hub on a SQLite file another process is writing to', { timeout: 300_000 }, () => {
  let dir: string;
  let orm: MikroORM;
  let hub: HubProcess;
  let token: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-write-lock-'));
    // Workers polling every 50 ms: a pass that took the write lock would start within the lock held below.
    const env = { DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}`, CHARTER_POLICY: 'false', WEBHOOK_POLL_MS: '50', MAIL_POLL_MS: '50' };
    orm = await openOrm(parseConfig({ ...env, NODE_ENV: 'test' }));
    await orm.getMigrator().up();
    await seedTerritory(orm.em.fork());
    await createStaffAccount(orm.em.fork(), { email: 'buyer@draguignan.test', name: 'Buyer Draguignan', organisationSiren: SIREN.draguignan, role: 'BUYER', password: PASSWORD });
    hub = await startHubProcess(env);
    token = (await graphql<{ login: { token: string } }>(hub.url, LOGIN, { email: 'buyer@draguignan.test', password: PASSWORD })).data!.login.token;
  });

  afterAll(async () => {
    await hub?.stop();
    await orm?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers reads while the other process holds the write lock, and stores a write it was sent meanwhile once the lock is released', async () => {
    // BEGIN IMMEDIATE (db/sqlite-immediate-dialect.ts): this test process holds the file's write lock until rollback.
    const lock = await orm.em.getConnection().getKnex().transaction();
    let write: Promise<Awaited<ReturnType<typeof graphql>>> | undefined;
    try {
      const until = Date.now() + 2_000;
      let reads = 0;
      while (Date.now() < until) {
        const answer = await within(5_000, `read ${reads + 1} while the lock is held`, graphql(hub.url, LIST));
        expect(answer.errors, hub.output()).toBeUndefined();
        reads += 1;
      }
      expect(reads).toBeGreaterThan(1);
      write = graphql(hub.url, CREATE, { input: noticeInput(new Date(), { title: 'Nettoyage des vitres de la médiathèque' }) }, token);
    } finally {
      await lock.rollback();
    }
    const created = await write!;
    expect(created.errors, hub.output()).toBeUndefined();
    expect((created.data as { createNotice: { reference: string } }).createNotice.reference).toMatch(/^\d{4}-DRA-\d{4}$/);
  });
});
