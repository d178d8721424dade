import type { EntityManager } from '@mikro-orm/sqlite';
import { OutboxEvent } from './outbox-event.entity.js';

export const DOMAIN_EVENT_TYPES = [
  'notice.published',
  'notice.corrected',
  'notice.cancelled',
  'notice.closed',
  'notice.awarded',
  'lot.awarded',
  'lot.unsuccessful',
  'organisation.updated',
  'group.updated',
  'framework.ordered',
  'training.created',
  'training.updated',
  'training.session.created',
  'training.session.updated',
  'training.session.cancelled',
  'charter.published',
  'charter.signed',
  'opendata.imported',
  'planned-purchase.published',
  'planned-purchase.updated',
  'planned-purchase.withdrawn',
  'planned-purchase.launched',
  // Advice requests carry identifiers only (no names, no question): see advice/advice.service.ts.
  'advice.submitted',
  'advice.assigned',
  'advice.message',
  'advice.answered',
  'advice.closed',
  'advice.reopened',
  'advice.overdue',
  'advice.published',
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

/** Adds the event to the unit of work: it is committed with the change, or not at all. */
export function recordEvent(
  em: EntityManager,
  type: DomainEventType,
  payload: Record<string, unknown>,
  occurredAt: Date,
): void {
  em.persist(em.create(OutboxEvent, { type, payload, occurredAt }));
}
