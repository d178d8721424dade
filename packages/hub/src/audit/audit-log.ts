import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { AuditEntry } from './audit-entry.entity.js';

/** Adds an audit entry to the unit of work, so it is committed with the change it records, or not at all. */
export function recordAudit(
  em: EntityManager,
  actor: Actor | null,
  action: string,
  entity: { entityType: string; entityId: string },
  details: Record<string, unknown> | null = null,
): void {
  em.persist(
    em.create(AuditEntry, {
      actor: actor ? em.getReference(StaffMember, actor.staffMemberId) : null,
      action,
      entityType: entity.entityType,
      entityId: entity.entityId,
      details,
    }),
  );
}
