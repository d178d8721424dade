import { Webhook } from 'standardwebhooks';
import type { AttemptResult } from './delivery-outcome.js';

export interface OutgoingWebhook {
  url: string;
  /** The delivery's id: the same on every attempt, so the receiver can drop what it already has. */
  webhookId: string;
  body: string;
  /** Every secret to sign with (two during a rotation's grace period). */
  secrets: string[];
  /** The receiver checks `webhook-timestamp` against its own clock, so this is the real time, not the domain's. */
  sentAt: Date;
  timeoutMs: number;
  /** Aborted when the dispatcher stops: the attempt is then not recorded and happens again after the restart. */
  signal: AbortSignal;
}

export interface SendResult {
  result: AttemptResult;
  durationMs: number;
  responseExcerpt: string | null;
}

export const EXCERPT_LENGTH = 500;
const USER_AGENT = 'territoire-achats-hub (Standard Webhooks)';

/** One signed POST. Never throws for what the receiver does; throws only when `signal` aborted it. */
export async function sendWebhook(message: OutgoingWebhook): Promise<SendResult> {
  const signatures = message.secrets.map((secret) => new Webhook(secret).sign(message.webhookId, message.sentAt, message.body));
  const headers = {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'webhook-id': message.webhookId,
    'webhook-timestamp': String(Math.floor(message.sentAt.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
  const started = performance.now();
  const timeout = AbortSignal.timeout(message.timeoutMs);
  const signal = AbortSignal.any([timeout, message.signal]);
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(message.url, { method: 'POST', headers, body: message.body, redirect: 'manual', signal });
    const excerpt = await readExcerpt(response);
    return {
      result: { kind: 'response', status: response.status, retryAfter: response.headers.get('retry-after') },
      durationMs: elapsed(),
      responseExcerpt: excerpt,
    };
  } catch (error) {
    if (message.signal.aborted) throw error;
    const reason = timeout.aborted ? `no answer within ${message.timeoutMs / 1000} s` : networkErrorMessage(error);
    return { result: { kind: 'network-error', message: reason }, durationMs: elapsed(), responseExcerpt: null };
  }
}

/** The beginning of the body, as text; a receiver's long page is not stored whole. */
async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < EXCERPT_LENGTH * 4) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const text = withoutControlCharacters(Buffer.concat(chunks).toString('utf8')).trim();
  return text ? text.slice(0, EXCERPT_LENGTH) : null;
}

function withoutControlCharacters(text: string): string {
  return [...text].filter((char) => {
    const code = char.codePointAt(0)!;
    return code === 9 || code === 10 || code === 13 || (code >= 32 && code !== 127);
  }).join('');
}

function networkErrorMessage(error: unknown): string {
  // fetch reports "fetch failed" and hides the useful part (ECONNREFUSED, ENOTFOUND…) in `cause`.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
  const code = cause && 'code' in cause ? String(cause.code) : null;
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return (code && !message.includes(code) ? `${code}: ${message}` : message).slice(0, EXCERPT_LENGTH);
}
