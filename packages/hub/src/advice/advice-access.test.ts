import { describe, expect, it } from 'vitest';
import { STAFF_ROLES, type Actor, type StaffRole } from '../shared/actor.js';
import { adviceListScope, mayAskFor, mayOnAdvice, type AdviceAction } from './advice-access.js';
import { ADVICE_EVENTS } from './advice-lifecycle.js';

const AGGLO = 'org-agglo';
const LORGUES = 'org-lorgues';
const FLAYOSC = 'org-flayosc';
const EXPERT = 'staff-expert';

/** A request of Lorgues, assigned to an expert of the agglomeration. */
const request = { organisationId: LORGUES, expertId: EXPERT };

/** Where the actor stands relative to the request. */
const PLACES = ['asking organisation', 'other commune', 'agglomeration', 'expert of the request'] as const;
type Place = (typeof PLACES)[number];

function actor(role: StaffRole, place: Place): Actor {
  const organisationId = { 'asking organisation': LORGUES, 'other commune': FLAYOSC, agglomeration: AGGLO, 'expert of the request': AGGLO }[place];
  return { role, organisationId, staffMemberId: place === 'expert of the request' ? EXPERT : `staff-${role}-${organisationId}`, tokenHash: 'x' };
}

const ACTIONS: AdviceAction[] = ['READ', ...ADVICE_EVENTS];
const EXPERT_MAY: AdviceAction[] = ['READ', 'POST_MESSAGE', 'ANSWER', 'CLOSE', 'PUBLISH'];
const EVERYTHING = ACTIONS;

/** The expected matrix, written out by hand: role × place → what they may do. */
const ALLOWED: Record<StaffRole, Record<Place, AdviceAction[]>> = {
  ADMIN: { 'asking organisation': EVERYTHING, 'other commune': EVERYTHING, agglomeration: EVERYTHING, 'expert of the request': EVERYTHING },
  BUYER: {
    'asking organisation': ['READ', 'POST_MESSAGE', 'CLOSE', 'REOPEN'],
    'other commune': [],
    agglomeration: [],
    'expert of the request': EXPERT_MAY,
  },
  VIEWER: { 'asking organisation': ['READ'], 'other commune': [], agglomeration: [], 'expert of the request': EXPERT_MAY },
  TRAINER: { 'asking organisation': ['READ'], 'other commune': [], agglomeration: [], 'expert of the request': EXPERT_MAY },
};

describe('who may do what with an advice request', () => {
  const cases = STAFF_ROLES.flatMap((role) => PLACES.flatMap((place) => ACTIONS.map((action) => [role, place, action, ALLOWED[role][place].includes(action)] as const)));

  it('covers every role × place × action (4 × 4 × 7)', () => {
    expect(cases).toHaveLength(112);
  });

  it.each(cases)('a %s of the %s: %s → %s', (role, place, action, allowed) => {
    expect(mayOnAdvice(actor(role, place), request, action)).toBe(allowed);
  });

  it.each(ACTIONS)('an anonymous client may not %s', (action) => {
    expect(mayOnAdvice(null, request, action)).toBe(false);
  });

  it('a request nobody was named to answer gives no expert rights to anyone but admins', () => {
    const unassigned = { organisationId: LORGUES, expertId: null };
    expect(mayOnAdvice(actor('BUYER', 'expert of the request'), unassigned, 'READ')).toBe(false);
    expect(mayOnAdvice(actor('ADMIN', 'agglomeration'), unassigned, 'ASSIGN')).toBe(true);
  });

  it('an expert keeps reading the requests of their own organisation once another expert takes them', () => {
    const own = { organisationId: AGGLO, expertId: 'someone-else' };
    expect(mayOnAdvice(actor('BUYER', 'expert of the request'), own, 'READ')).toBe(true);
    expect(mayOnAdvice(actor('BUYER', 'expert of the request'), own, 'ANSWER')).toBe(false);
  });
});

describe('who may ask for advice', () => {
  it.each(STAFF_ROLES.flatMap((role) => PLACES.map((place) => [role, place] as const)))('a %s of the %s, for Lorgues', (role, place) => {
    const expected = role === 'ADMIN' || (role === 'BUYER' && place === 'asking organisation');
    expect(mayAskFor(actor(role, place), LORGUES)).toBe(expected);
  });

  it('nobody anonymous', () => {
    expect(mayAskFor(null, LORGUES)).toBe(false);
  });
});

describe('which requests a list shows', () => {
  it('all of them to an admin; to anyone else, their organisation’s and those they are expert of', () => {
    expect(adviceListScope(actor('ADMIN', 'agglomeration'))).toEqual({ all: true });
    for (const role of ['BUYER', 'VIEWER', 'TRAINER'] as const) {
      const someone = actor(role, 'asking organisation');
      expect(adviceListScope(someone)).toEqual({ all: false, organisationId: LORGUES, expertId: someone.staffMemberId });
    }
  });
});
