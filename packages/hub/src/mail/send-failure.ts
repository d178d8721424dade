import { withoutAddresses } from './mail-address.js';

/**
 * What a failed send means. `hard-bounce`: the receiving server refused this recipient or this message for good
 * (a 5xx reply to RCPT TO or to the message); counted against the address. `retry`: anything that may pass later
 * (4xx, connection refused or lost, timeouts) or that is ours to fix (a refused sign-in to the relay), so the mail
 * is tried again on the retry schedule.
 */
export type SendFailure = { kind: 'hard-bounce'; reason: string } | { kind: 'retry'; reason: string };

/** nodemailer's error codes when the server answered about the envelope (recipients) or the message itself. */
const RECIPIENT_OR_MESSAGE_CODES = new Set(['EENVELOPE', 'EMESSAGE']);

export function classifySendFailure(error: unknown): SendFailure {
  const details = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };
  const responseCode = typeof details.responseCode === 'number' ? details.responseCode : null;
  const code = typeof details.code === 'string' ? details.code : null;
  const text = typeof details.response === 'string' ? details.response : typeof details.message === 'string' ? details.message : String(error);
  const reason = withoutAddresses(`${code ? `${code} ` : ''}${text}`).slice(0, 500);
  if (responseCode !== null && responseCode >= 500 && responseCode < 600 && code !== null && RECIPIENT_OR_MESSAGE_CODES.has(code)) {
    return { kind: 'hard-bounce', reason };
  }
  return { kind: 'retry', reason };
}
