import type { Actor } from '../shared/actor.js';
import { UnreachableCaseError } from '../shared/unreachable.js';
import type { AdviceEvent } from './advice-lifecycle.js';

/** Who a request concerns: the asking organisation, and the expert named to answer, if any. */
export interface AdviceParties {
  organisationId: string;
  expertId: string | null;
}

/** What a staff member may do with a request: read it, or take one of its events. */
export type AdviceAction = 'READ' | AdviceEvent;

/**
 * The access rule of advice requests, decided here and nowhere else. The direction's admins see and do
 * everything; the expert named on a request reads it, writes in its thread, answers, closes it and publishes its
 * answer; the asking organisation's staff read its requests, and its buyers (who may ask) also write, close and
 * reopen them. Viewers and trainers change nothing. Everybody else does not even learn that the request exists.
 */
export function mayOnAdvice(actor: Actor | null, parties: AdviceParties, action: AdviceAction): boolean {
  if (!actor) return false;
  if (actor.role === 'ADMIN') return true;
  const expert = parties.expertId !== null && parties.expertId === actor.staffMemberId;
  const asking = parties.organisationId === actor.organisationId;
  const askingBuyer = asking && actor.role === 'BUYER';
  switch (action) {
    case 'READ':
      return expert || asking;
    case 'POST_MESSAGE':
    case 'CLOSE':
      return expert || askingBuyer;
    case 'ANSWER':
    case 'PUBLISH':
      return expert;
    case 'REOPEN':
      return askingBuyer;
    case 'ASSIGN':
      return false;
    default:
      throw new UnreachableCaseError(action);
  }
}

/** May this actor ask the direction for advice on behalf of this organisation? */
export function mayAskFor(actor: Actor | null, organisationId: string): boolean {
  if (!actor) return false;
  return actor.role === 'ADMIN' || (actor.role === 'BUYER' && actor.organisationId === organisationId);
}

/** The filter of the requests an actor lists: all, or those of its organisation and those it is expert of. */
export function adviceListScope(actor: Actor): { all: true } | { all: false; organisationId: string; expertId: string } {
  return actor.role === 'ADMIN' ? { all: true } : { all: false, organisationId: actor.organisationId, expertId: actor.staffMemberId };
}
