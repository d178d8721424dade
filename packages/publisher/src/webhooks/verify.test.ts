import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { createWebhookVerifier } from './verify.js';

const secret = `whsec_${Buffer.from('a-secret-shared-with-the-hub-32b').toString('base64')}`;
const previousSecret = `whsec_${Buffer.from('the-secret-before-the-rotation-!').toString('base64')}`;
// The library re-checks the timestamp against the real clock, so deliveries are signed "now".
const sentAt = new Date();
const body = JSON.stringify({ type: 'notice.published', timestamp: sentAt.toISOString(), data: { id: 'n1' } });

function headers(options: { id?: string; at?: Date; signWith?: string[] } = {}) {
  const id = options.id ?? 'msg_1';
  const at = options.at ?? sentAt;
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': (options.signWith ?? [secret]).map((key) => new Webhook(key).sign(id, at, body)).join(' '),
  };
}

const verifyAt = (now: Date) => createWebhookVerifier(secret, () => now.getTime());
const minutes = (n: number) => n * 60 * 1000;

describe('webhook verification', () => {
  it('accepts a delivery signed with the shared secret', () => {
    expect(verifyAt(sentAt)(body, headers())).toEqual({ ok: true, webhookId: 'msg_1' });
  });

  it('accepts a delivery carrying several signatures when one matches (key rotation)', () => {
    expect(verifyAt(sentAt)(body, headers({ signWith: [previousSecret, secret] }))).toMatchObject({ ok: true });
  });

  it('refuses a delivery signed with another secret as forged', () => {
    expect(verifyAt(sentAt)(body, headers({ signWith: [previousSecret] }))).toMatchObject({
      ok: false,
      code: 'webhook_signature_invalid',
    });
  });

  it('refuses a body changed after signing as forged', () => {
    expect(verifyAt(sentAt)(body.replace('n1', 'n2'), headers())).toMatchObject({ code: 'webhook_signature_invalid' });
  });

  it('refuses a signature moved to another delivery id as forged', () => {
    const moved = { ...headers(), 'webhook-id': 'msg_2' };
    expect(verifyAt(sentAt)(body, moved)).toMatchObject({ code: 'webhook_signature_invalid' });
  });

  it.each([
    ['webhook-id'],
    ['webhook-timestamp'],
    ['webhook-signature'],
  ])('refuses a delivery without %s as unsigned', (name) => {
    const partial: Record<string, string> = { ...headers() };
    delete partial[name];
    expect(verifyAt(sentAt)(body, partial)).toMatchObject({ code: 'webhook_unsigned' });
  });

  it('refuses a timestamp that is not a number', () => {
    expect(verifyAt(sentAt)(body, { ...headers(), 'webhook-timestamp': 'yesterday' })).toMatchObject({
      code: 'webhook_signature_invalid',
    });
  });

  it.each([
    ['just under five minutes late', minutes(5) - 1_000, true],
    ['just over five minutes late', minutes(5) + 1_000, false],
    ['an hour late', minutes(60), false],
    ['just under five minutes early', -minutes(5) + 1_000, true],
    ['more than five minutes early', -minutes(6), false],
  ])('a delivery received %s is %s', (_when, delay, accepted) => {
    const now = new Date();
    const at = new Date(now.getTime() - delay);
    const result = createWebhookVerifier(secret, () => now.getTime())(body, headers({ at }));
    if (accepted) expect(result).toMatchObject({ ok: true });
    else expect(result).toMatchObject({ ok: false, code: 'webhook_timestamp_expired' });
  });
});
