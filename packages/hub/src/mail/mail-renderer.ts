import type { EntityManager } from '@mikro-orm/sqlite';

/** A mail stored as a payload (`MailMessage.payload`), as the mail worker hands it to its renderer. */
export interface PayloadMail {
  id: string;
  kind: string;
  recipient: string;
  payload: Record<string, unknown>;
}

/** What a renderer makes of a payload: what the mail worker sends. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
}

/**
 * Renders the payload mails of one pass of the mail worker at once (they often tell the same few things): by mail
 * id, the mail to send, or null when it must not leave any more (what it was to tell is gone, e.g. its subscription
 * was deleted meanwhile). A mail missing from the answer is retried on the retry schedule.
 */
export type MailRenderer = (em: EntityManager, mails: readonly PayloadMail[], now: Date) => Promise<Map<string, RenderedMail | null>>;

/** The renderers of a hub, by the part of the kind before its first dot (`alert` for `alert.digest`). */
export type MailRenderers = Readonly<Record<string, MailRenderer>>;

export function rendererFamily(kind: string): string {
  return kind.split('.')[0] ?? kind;
}
