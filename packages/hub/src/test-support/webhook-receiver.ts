import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  payload: { type: string; timestamp: string; sequence?: number; data: Record<string, unknown> };
}

/** How the receiver answers the next requests: a status (with headers), no answer at all, or a dropped connection. */
export type ReceiverMode =
  | { kind: 'answer'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'down' }
  | { kind: 'hang' };

export interface WebhookReceiver {
  url: string;
  /** Deliveries whose signature the standardwebhooks package verified, in arrival order. */
  received: ReceivedWebhook[];
  /** Every request, verified or not. */
  requests: Array<{ headers: IncomingHttpHeaders; body: string }>;
  setMode(mode: ReceiverMode): void;
  /** The secret to verify with from now on (the hub generates it when the endpoint is created). */
  setSecret(secret: string): void;
  close(): Promise<void>;
}

/**
 * A real webhook receiver on 127.0.0.1, checking signatures with the `standardwebhooks` package the way any
 * subscriber would (its real clock, five minutes of tolerance). A bad signature gets 401 and is not recorded.
 */
export async function startWebhookReceiver(secret: string | null = null, mode: ReceiverMode = { kind: 'answer', status: 204 }): Promise<WebhookReceiver> {
  let webhook = secret ? new Webhook(secret) : null;
  let current = mode;
  const received: ReceivedWebhook[] = [];
  const requests: WebhookReceiver['requests'] = [];
  const hanging = new Set<ServerResponse>();

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    requests.push({ headers: request.headers, body });
    if (current.kind === 'down') {
      request.socket.destroy();
      return;
    }
    if (current.kind === 'hang') {
      hanging.add(response);
      return;
    }
    const headers = {
      'webhook-id': String(request.headers['webhook-id'] ?? ''),
      'webhook-timestamp': String(request.headers['webhook-timestamp'] ?? ''),
      'webhook-signature': String(request.headers['webhook-signature'] ?? ''),
    };
    try {
      if (!webhook) throw new WebhookVerificationError('the receiver has no secret yet');
      const payload = webhook.verify(body, headers) as ReceivedWebhook['payload'];
      if (current.status >= 200 && current.status < 300) {
        received.push({ id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'], body, payload });
      }
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      response.writeHead(401, { 'content-type': 'text/plain' }).end(`signature refused: ${error.message}`);
      return;
    }
    response.writeHead(current.status, { 'content-type': 'text/plain', ...current.headers }).end(current.body ?? '');
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => response.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    requests,
    setMode(next) {
      current = next;
    },
    setSecret(next) {
      webhook = new Webhook(next);
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
