import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from '../../site/support/hub-process.js';

// Requests a test sends straight to the publisher, signed with the same library the hub signs with (a dependency
// of the publisher, resolved from its package.json as pnpm keeps it there).

const requireFromPublisher = createRequire(path.join(REPO_ROOT, 'packages/publisher/package.json'));
const { Webhook } = requireFromPublisher('standardwebhooks') as {
  Webhook: new (secret: string) => { sign: (id: string, at: Date, body: string) => string };
};

export interface SignedRequest {
  headers: Record<string, string>;
  body: string;
}

/** A Standard Webhooks request as the hub sends it: `webhook-id`, `webhook-timestamp` (seconds), `webhook-signature`. */
export function signedRequest(secret: string, webhookId: string, sentAt: Date, event: { type: string; timestamp: string; data: unknown }): SignedRequest {
  const body = JSON.stringify(event);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': webhookId,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(webhookId, sentAt, body),
    },
  };
}

export async function post(url: string, request: SignedRequest): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
