import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, secretProblem } from './webhook-secret.js';

describe('webhook secrets', () => {
  it('are generated as whsec_ and 32 random bytes of base64, usable by the standardwebhooks package', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(secretProblem(secret)).toBeNull();
    const webhook = new Webhook(secret);
    const payload = '{"type":"notice.published"}';
    const now = new Date();
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': webhook.sign('msg_1', now, payload) };
    expect(() => webhook.verify(payload, headers)).not.toThrow();
  });

  it('are never the same twice', () => {
    expect(new Set(Array.from({ length: 50 }, generateWebhookSecret)).size).toBe(50);
  });

  it.each([
    ['no prefix', Buffer.alloc(32, 1).toString('base64'), /whsec_/],
    ['not base64', 'whsec_not base64!', /base64/],
    ['empty key', 'whsec_', /base64/],
    ['a key too short', `whsec_${Buffer.alloc(16, 1).toString('base64')}`, /de 24 à 64 octets, et non 16/],
    ['a key too long', `whsec_${Buffer.alloc(65, 1).toString('base64')}`, /et non 65/],
  ])('given from outside, are refused with %s', (_case, secret, message) => {
    expect(secretProblem(secret)).toMatch(message);
  });

  it('given from outside, are accepted from 24 to 64 bytes', () => {
    expect(secretProblem(`whsec_${Buffer.alloc(24, 7).toString('base64')}`)).toBeNull();
    expect(secretProblem(`whsec_${Buffer.alloc(64, 7).toString('base64')}`)).toBeNull();
  });
});
