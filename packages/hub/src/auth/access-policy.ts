import type { Actor } from '../shared/actor.js';
import { UnreachableCaseError } from '../shared/unreachable.js';

/** May this actor create or change records of this organisation? */
export function canManageFor(actor: Actor, organisationId: string): boolean {
  switch (actor.role) {
    case 'ADMIN':
      return true;
    case 'BUYER':
      return actor.organisationId === organisationId;
    case 'VIEWER':
    case 'TRAINER':
      return false;
    default:
      throw new UnreachableCaseError(actor.role);
  }
}

/** May this actor read the private records (drafts, audit) of this organisation? */
export function canReadPrivateOf(actor: Actor | null, organisationId: string): boolean {
  if (!actor) return false;
  return actor.role === 'ADMIN' || actor.organisationId === organisationId;
}

export function isAdmin(actor: Actor | null): boolean {
  return actor?.role === 'ADMIN';
}
