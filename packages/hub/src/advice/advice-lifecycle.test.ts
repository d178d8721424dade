import { describe, expect, it } from 'vitest';
import { ADVICE_EVENTS, ADVICE_STATES, adviceTransition, isAwaitingAnswer, type AdviceEvent, type AdviceFacts, type AdviceState } from './advice-lifecycle.js';

type Expected = Partial<Record<AdviceEvent, AdviceState>>;

/** The expected table, written out by hand for each combination of facts: every pair not listed is refused. */
const NO_EXPERT: Record<AdviceState, Expected> = {
  SUBMITTED: { ASSIGN: 'ASSIGNED', POST_MESSAGE: 'SUBMITTED', CLOSE: 'CLOSED' },
  ASSIGNED: { ASSIGN: 'ASSIGNED', ANSWER: 'ANSWERED', POST_MESSAGE: 'ASSIGNED', CLOSE: 'CLOSED' },
  ANSWERED: { ANSWER: 'ANSWERED', POST_MESSAGE: 'ANSWERED', CLOSE: 'CLOSED', REOPEN: 'SUBMITTED' },
  CLOSED: { REOPEN: 'SUBMITTED' },
};
const EXPERT_NOT_ANSWERED: Record<AdviceState, Expected> = {
  ...NO_EXPERT,
  ANSWERED: { ANSWER: 'ANSWERED', POST_MESSAGE: 'ANSWERED', CLOSE: 'CLOSED', REOPEN: 'ASSIGNED' },
  CLOSED: { REOPEN: 'ASSIGNED' },
};
const EXPERT_ANSWERED: Record<AdviceState, Expected> = {
  ...EXPERT_NOT_ANSWERED,
  ANSWERED: { ...EXPERT_NOT_ANSWERED.ANSWERED, PUBLISH: 'ANSWERED' },
  CLOSED: { REOPEN: 'ASSIGNED', PUBLISH: 'CLOSED' },
};
const NO_EXPERT_ANSWERED: Record<AdviceState, Expected> = {
  ...NO_EXPERT,
  ANSWERED: { ...NO_EXPERT.ANSWERED, PUBLISH: 'ANSWERED' },
  CLOSED: { REOPEN: 'SUBMITTED', PUBLISH: 'CLOSED' },
};

const TABLES: Array<[AdviceFacts, Record<AdviceState, Expected>]> = [
  [{ hasExpert: false, answered: false }, NO_EXPERT],
  [{ hasExpert: true, answered: false }, EXPERT_NOT_ANSWERED],
  [{ hasExpert: true, answered: true }, EXPERT_ANSWERED],
  [{ hasExpert: false, answered: true }, NO_EXPERT_ANSWERED],
];

describe('the life of an advice request', () => {
  const cases = TABLES.flatMap(([facts, table]) =>
    ADVICE_STATES.flatMap((state) => ADVICE_EVENTS.map((event) => [state, event, facts, table[state][event] ?? null] as const)),
  );

  it('covers every state × event pair for every combination of facts (4 × 6 × 4)', () => {
    expect(cases).toHaveLength(96);
  });

  it.each(cases)('from %s, %s with %o goes to %s (null: refused)', (state, event, facts, expected) => {
    const result = adviceTransition(state, event, facts);
    if (expected) expect(result).toEqual({ ok: true, state: expected });
    else expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^Une demande .+ ne peut pas .+\.$/) });
  });

  it('says why an answer comes too early, and how to write in a closed request', () => {
    expect(adviceTransition('SUBMITTED', 'ANSWER', { hasExpert: false, answered: false })).toEqual({
      ok: false,
      reason: 'Une demande en attente d’attribution ne peut pas recevoir une réponse avant d’être attribuée à un expert.',
    });
    expect(adviceTransition('CLOSED', 'POST_MESSAGE', { hasExpert: true, answered: true })).toEqual({
      ok: false,
      reason: 'Une demande close ne peut pas recevoir un message : rouvrez-la.',
    });
  });

  it.each(ADVICE_STATES.map((state) => [state, state === 'SUBMITTED' || state === 'ASSIGNED'] as const))(
    'a %s request awaits an answer: %s',
    (state, awaiting) => {
      expect(isAwaitingAnswer(state)).toBe(awaiting);
    },
  );
});
