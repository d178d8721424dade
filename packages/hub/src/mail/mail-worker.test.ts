import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../test-support/eventually.js';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import type { MailTarget } from '../shared/config.js';
import { addressKey } from './mail-address.js';
import { MailAddress } from './mail-address.entity.js';
import { MailMessage } from './mail-message.entity.js';
import { HARD_BOUNCES_BEFORE_FAILED, MAIL_MAX_ATTEMPTS, MAIL_RETRY_DELAYS_MS } from './mail-retry.js';
import { startMailWorker, type MailWorker } from './mail-worker.js';
import { queueMail, type MailToSend } from './outgoing-mail.js';

const ADDRESS = 'Plombier.Lorgues@exemple.fr';

const mail = (overrides: Partial<MailToSend> = {}): MailToSend => ({
  kind: 'test.hello',
  to: ADDRESS,
  subject: 'Un nouvel avis à Lorgues',
  text: 'Bonjour,\n\nun avis correspond à vos critères.',
  html: '<p>Bonjour,</p><p>un avis correspond à vos critères.</p>',
  headers: { 'List-Unsubscribe': '<https://hub.example/alerts/unsubscribe?token=abc>' },
  ...overrides,
});

describe('the mail worker', () => {
  let hub: TestHub;
  let sink: SmtpSink;
  let worker: MailWorker | null = null;
  const logged: string[] = [];

  const start = (transport: MailTarget = { kind: 'smtp', url: sink.url }) => {
    const config = { ...hub.config, mail: { ...hub.config.mail, transport, from: 'Marchés publics de Dracénie <alertes@dracenie.example>' } };
    worker = startMailWorker(hub.orm, config, hub.clock, { info: (m) => logged.push(m), warn: (m) => logged.push(m) }, { pollMs: 20 });
    return worker;
  };
  const queue = async (...mails: MailToSend[]) => {
    const em = hub.orm.em.fork();
    const messages = mails.map((one) => queueMail(em, one, hub.clock.now()));
    await em.flush();
    return messages.map((message) => message.id);
  };
  const row = (id: string) => hub.orm.em.fork().findOneOrFail(MailMessage, id);

  beforeEach(async () => {
    hub = await startTestHub();
    sink = await startSmtpSink();
    logged.length = 0;
  });
  afterEach(async () => {
    await worker?.stop();
    worker = null;
    await sink.close();
    await hub.close();
  });

  it('sends a queued mail over SMTP once it is committed, with its text and HTML parts and its headers, then keeps no body', async () => {
    start();
    const [id] = await queue(mail());
    const received = await eventually(() => sink.received[0], { what: 'the mail' });
    expect(received.envelope).toEqual({ from: 'alertes@dracenie.example', to: ['plombier.lorgues@exemple.fr'] });
    expect(received.parsed.subject).toBe('Un nouvel avis à Lorgues');
    expect(received.parsed.from?.text).toBe('"Marchés publics de Dracénie" <alertes@dracenie.example>');
    expect(received.parsed.text).toContain('un avis correspond à vos critères.');
    expect(received.parsed.html).toContain('<p>un avis correspond à vos critères.</p>');
    expect(received.raw).toMatch(/^List-Unsubscribe: <https:\/\/hub\.example\/alerts\/unsubscribe\?token=abc>\r?$/m);
    expect(received.parsed.messageId).toBe(`<${id}@dracenie.example>`);
    expect(received.parsed.date?.toISOString()).toBe(hub.clock.now().toISOString());
    await eventually(async () => (await row(id!)).status === 'SENT', { what: 'the row marked sent' });
    expect(await row(id!)).toMatchObject({ status: 'SENT', attempts: 1, text: '', html: null, nextAttemptAt: null, sentAt: hub.clock.now() });
  });

  it('sends nothing for a change that was rolled back', async () => {
    start();
    await hub.orm.em
      .fork()
      .transactional(async (em) => {
        queueMail(em, mail({ subject: 'annulé' }), hub.clock.now());
        await em.flush();
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    await queue(mail({ subject: 'gardé' }));
    await worker!.drain();
    await eventually(() => sink.received.length === 1, { what: 'the kept mail' });
    await worker!.drain();
    expect(sink.received.map((one) => one.parsed.subject)).toEqual(['gardé']);
    expect(await hub.orm.em.fork().count(MailMessage, {})).toBe(1);
  });

  it('tries a greylisted mail again when its retry is due, and sends it then', async () => {
    sink.replyToRcpt(() => 451);
    start();
    const [id] = await queue(mail());
    await eventually(async () => (await row(id!)).attempts === 1, { what: 'the first attempt' });
    const afterFirst = await row(id!);
    expect(afterFirst).toMatchObject({ status: 'PENDING', nextAttemptAt: new Date(hub.clock.now().getTime() + MAIL_RETRY_DELAYS_MS[0]!) });
    expect(afterFirst.lastError).toMatch(/451/);
    await worker!.drain();
    expect(sink.attempts).toHaveLength(1);

    sink.replyToRcpt(() => null);
    hub.clock.advance(MAIL_RETRY_DELAYS_MS[0]!);
    worker!.wake();
    await eventually(() => sink.received.length === 1, { what: 'the retried mail' });
    await eventually(async () => (await row(id!)).status === 'SENT', { what: 'the row marked sent' });
    expect((await row(id!)).attempts).toBe(2);
  });

  it('gives a mail up after its last retry when the relay never answers', async () => {
    const deadRelay = 'smtp://127.0.0.1:1';
    start({ kind: 'smtp', url: deadRelay });
    const [id] = await queue(mail());
    for (let attempt = 1; attempt <= MAIL_MAX_ATTEMPTS; attempt++) {
      await eventually(async () => (await row(id!)).attempts === attempt, { what: `attempt ${attempt}` });
      if (attempt < MAIL_MAX_ATTEMPTS) {
        hub.clock.advance(MAIL_RETRY_DELAYS_MS[attempt - 1]!);
        worker!.wake();
      }
    }
    expect(await row(id!)).toMatchObject({ status: 'FAILED', nextAttemptAt: null, text: '' });
    const state = await hub.orm.em.fork().findOne(MailAddress, { key: addressKey(ADDRESS) });
    expect(state?.hardBounces ?? 0).toBe(0);
  });

  it('does not retry a mail the receiving server refused for good, and stops mailing an address refused again and again', async () => {
    sink.replyToRcpt((address) => (address.startsWith('plombier') ? 550 : null));
    start();
    const ids: string[] = [];
    for (let bounce = 1; bounce <= HARD_BOUNCES_BEFORE_FAILED; bounce++) {
      ids.push(...(await queue(mail({ subject: `avis ${bounce}` }))));
      await eventually(async () => (await row(ids.at(-1)!)).status === 'FAILED', { what: `bounce ${bounce}` });
    }
    expect(sink.attempts).toHaveLength(HARD_BOUNCES_BEFORE_FAILED);
    const state = await hub.orm.em.fork().findOneOrFail(MailAddress, { key: addressKey(ADDRESS) });
    expect(state).toMatchObject({ hardBounces: HARD_BOUNCES_BEFORE_FAILED, failedAt: hub.clock.now() });

    const [suppressed, other] = await queue(mail({ subject: 'de trop' }), mail({ to: 'menuisier@exemple.fr', subject: 'pour un autre' }));
    await eventually(async () => (await row(suppressed!)).status === 'SUPPRESSED', { what: 'the suppressed mail' });
    await eventually(async () => (await row(other!)).status === 'SENT', { what: 'the other address’s mail' });
    expect(sink.attempts.filter((address) => address.startsWith('plombier'))).toHaveLength(HARD_BOUNCES_BEFORE_FAILED);
    expect(logged.join('\n')).not.toMatch(/@exemple\.fr/i);
    expect((await row(ids[0]!)).lastError).not.toMatch(/@/);
  });

  it('writes each mail as an .eml file in the demo and says where, never naming the address', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mail-files-'));
    try {
      start({ kind: 'files', dir });
      const [id] = await queue(mail());
      await eventually(async () => (await row(id!)).status === 'SENT', { what: 'the written mail' });
      const files = readdirSync(dir);
      expect(files).toEqual([expect.stringMatching(new RegExp(`-test\\.hello-${id}\\.eml$`))]);
      const parsed = await simpleParser(readFileSync(join(dir, files[0]!)));
      expect(parsed.subject).toBe('Un nouvel avis à Lorgues');
      expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : '').toBe('plombier.lorgues@exemple.fr');
      expect(parsed.text).toContain('un avis correspond à vos critères.');
      expect(logged).toEqual([`mail test.hello written to ${join(dir, files[0]!)}`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
