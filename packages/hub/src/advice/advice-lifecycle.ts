import { UnreachableCaseError } from '../shared/unreachable.js';

/**
 * The life of an advice request, as pure data. SUBMITTED: asked, nobody named to answer yet (the direction's
 * admins see it); ASSIGNED: an expert of the direction is to answer; ANSWERED: the expert gave an answer; CLOSED:
 * done (or withdrawn by the asker before an answer). A closed or answered request may be REOPENED with a reason: it
 * goes back to its expert, or to the admins when it never had one.
 */
export const ADVICE_STATES = ['SUBMITTED', 'ASSIGNED', 'ANSWERED', 'CLOSED'] as const;
export type AdviceState = (typeof ADVICE_STATES)[number];

/**
 * ASSIGN: names (or changes) the expert. ANSWER: the expert answers. POST_MESSAGE: a message in the thread.
 * CLOSE: ends the request. REOPEN: asks again, with a reason. PUBLISH: the answered request becomes an entry of
 * the knowledge base (the request itself does not change).
 */
export const ADVICE_EVENTS = ['ASSIGN', 'ANSWER', 'POST_MESSAGE', 'CLOSE', 'REOPEN', 'PUBLISH'] as const;
export type AdviceEvent = (typeof ADVICE_EVENTS)[number];

/** What the table needs to know beyond the state. */
export interface AdviceFacts {
  /** An expert is named. */
  hasExpert: boolean;
  /** The expert answered at least once. */
  answered: boolean;
}

export type AdviceTransition = { ok: true; state: AdviceState } | { ok: false; reason: string };

const allow = (state: AdviceState): AdviceTransition => ({ ok: true, state });

const EVENT_FR: Record<AdviceEvent, string> = {
  ASSIGN: 'être attribuée',
  ANSWER: 'recevoir une réponse',
  POST_MESSAGE: 'recevoir un message',
  CLOSE: 'être close',
  REOPEN: 'être rouverte',
  PUBLISH: 'être publiée dans la base de connaissances',
};
const STATE_FR: Record<AdviceState, string> = {
  SUBMITTED: 'en attente d’attribution',
  ASSIGNED: 'attribuée',
  ANSWERED: 'répondue',
  CLOSED: 'close',
};

function refuse(from: AdviceState, event: AdviceEvent, why = ''): AdviceTransition {
  return { ok: false, reason: `Une demande ${STATE_FR[from]} ne peut pas ${EVENT_FR[event]}${why}.` };
}

/** The whole table: every state × event pair is decided here and nowhere else. */
export function adviceTransition(from: AdviceState, event: AdviceEvent, facts: AdviceFacts): AdviceTransition {
  switch (event) {
    case 'ASSIGN':
      // Reassigning after an answer would hand someone else a question already answered: reopen first.
      return from === 'SUBMITTED' || from === 'ASSIGNED' ? allow('ASSIGNED') : refuse(from, event);
    case 'ANSWER':
      if (from === 'ASSIGNED' || from === 'ANSWERED') return allow('ANSWERED');
      return refuse(from, event, from === 'SUBMITTED' ? ' avant d’être attribuée à un expert' : '');
    case 'POST_MESSAGE':
      return from === 'CLOSED' ? refuse(from, event, ' : rouvrez-la') : allow(from);
    case 'CLOSE':
      return from === 'CLOSED' ? refuse(from, event) : allow('CLOSED');
    case 'REOPEN':
      if (from !== 'ANSWERED' && from !== 'CLOSED') return refuse(from, event);
      return allow(facts.hasExpert ? 'ASSIGNED' : 'SUBMITTED');
    case 'PUBLISH':
      if (!facts.answered) return refuse(from, event, ' sans réponse');
      return from === 'ANSWERED' || from === 'CLOSED' ? allow(from) : refuse(from, event);
    default:
      throw new UnreachableCaseError(event);
  }
}

/** Requests the expert still owes an answer. */
export function isAwaitingAnswer(state: AdviceState): boolean {
  return state === 'SUBMITTED' || state === 'ASSIGNED';
}
