import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/** The Standard Webhooks tolerance: older (or later) deliveries are refused as replays. */
export const TIMESTAMP_TOLERANCE_MS = 5 * 60 * 1000;

export type VerificationFailureCode = 'webhook_unsigned' | 'webhook_timestamp_expired' | 'webhook_signature_invalid';

export type VerificationResult =
  | { ok: true; webhookId: string }
  | { ok: false; code: VerificationFailureCode; message: string };

export type HeaderBag = Record<string, string | string[] | undefined>;

/**
 * Checks a delivery's `webhook-*` headers and HMAC-SHA256 signature against the raw body. The timestamp is checked
 * here with our own clock first, so "expired" and "forged" get distinct codes without parsing the library's messages.
 */
export function createWebhookVerifier(secret: string, now: () => number = Date.now) {
  const webhook = new Webhook(secret);

  return function verify(rawBody: string, headers: HeaderBag): VerificationResult {
    const id = single(headers['webhook-id']);
    const timestamp = single(headers['webhook-timestamp']);
    const signature = single(headers['webhook-signature']);
    if (!id || !timestamp || !signature) {
      return { ok: false, code: 'webhook_unsigned', message: 'webhook-id, webhook-timestamp and webhook-signature are required' };
    }
    const sentAtMs = /^\d{1,15}$/.test(timestamp) ? Number(timestamp) * 1000 : Number.NaN;
    if (Number.isNaN(sentAtMs)) {
      return { ok: false, code: 'webhook_signature_invalid', message: 'webhook-timestamp is not a number of seconds' };
    }
    if (Math.abs(now() - sentAtMs) > TIMESTAMP_TOLERANCE_MS) {
      return {
        ok: false,
        code: 'webhook_timestamp_expired',
        message: 'webhook-timestamp is more than five minutes away from our clock',
      };
    }
    try {
      webhook.verify(rawBody, { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature }, { jsonParse: false });
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      // The library checks the timestamp again with the real clock; at the very edge it may disagree with ours.
      const expired = /timestamp too (old|new)/i.test(error.message);
      return expired
        ? { ok: false, code: 'webhook_timestamp_expired', message: 'webhook-timestamp is more than five minutes away from our clock' }
        : { ok: false, code: 'webhook_signature_invalid', message: 'no signature matches the payload' };
    }
    return { ok: true, webhookId: id };
  };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
