import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { DedupeStore } from './dedupe-store.js';
import type { createWebhookVerifier } from './verify.js';

/** The hub's event envelope; the publisher only needs to know that something public changed. */
export const webhookPayloadSchema = z.object({
  type: z.string().min(1),
  timestamp: z.iso.datetime({ offset: true }),
  data: z.record(z.string(), z.unknown()),
  /** The hub's outbox sequence, when it sends one: a gap means a missed event, hence a full build. */
  sequence: z.number().int().nonnegative().optional(),
});

export type WebhookPayload = z.infer<typeof webhookPayloadSchema>;

export interface WebhookRouteDeps {
  verify: ReturnType<typeof createWebhookVerifier>;
  deliveries: DedupeStore;
  /** Called once per new, verified delivery. */
  onEvent(payload: WebhookPayload, webhookId: string): void;
}

const MAX_BODY_BYTES = 1024 * 1024;

function fail(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: code, message });
}

/**
 * `POST /webhooks`, shaped like octokit's middleware: wrong content type and bad JSON are answered early (415, 400),
 * an unsigned, forged or stale delivery gets 401, and 202 means a build is scheduled. Nothing is scheduled unless the
 * signature holds.
 */
export async function webhookRoute(app: FastifyInstance, deps: WebhookRouteDeps): Promise<void> {
  // The signature covers the exact bytes sent, so the body must reach us unparsed, whatever its declared type.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => {
    done(null, body);
  });

  app.post('/webhooks', async (request, reply) => {
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json') {
      return fail(reply, 415, 'unsupported_media_type', 'webhooks must be sent as application/json');
    }
    const rawBody = typeof request.body === 'string' ? request.body : '';
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return fail(reply, 400, 'invalid_json', 'the body is not valid JSON');
    }

    const verification = deps.verify(rawBody, request.headers);
    if (!verification.ok) {
      request.log.warn({ code: verification.code }, 'webhook refused');
      return fail(reply, 401, verification.code, verification.message);
    }

    const payload = webhookPayloadSchema.safeParse(json);
    if (!payload.success) {
      return fail(reply, 400, 'invalid_payload', `expected { type, timestamp, data }: ${z.prettifyError(payload.error)}`);
    }

    const { webhookId } = verification;
    if (!(await deps.deliveries.remember(webhookId))) {
      // 2xx so the hub stops retrying a delivery we already acted on.
      request.log.info({ webhookId, type: payload.data.type }, 'duplicate webhook delivery ignored');
      return reply.code(200).send({ status: 'duplicate', webhookId });
    }
    request.log.info({ webhookId, type: payload.data.type }, 'webhook accepted');
    deps.onEvent(payload.data, webhookId);
    return reply.code(202).send({ status: 'scheduled', webhookId });
  });
}
