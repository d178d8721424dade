import { describe, expect, it } from 'vitest';
import {
  PLANNED_PURCHASE_EVENTS,
  PLANNED_PURCHASE_STATUSES,
  isPublic,
  planTransition,
  type PlannedPurchaseEvent,
  type PlannedPurchaseStatus,
} from './planned-purchase-lifecycle.js';

/** The expected table, written out by hand: every pair not listed must be refused. */
const ALLOWED: Record<PlannedPurchaseStatus, Partial<Record<PlannedPurchaseEvent, PlannedPurchaseStatus>>> = {
  DRAFT: { EDIT: 'DRAFT', PUBLISH: 'PUBLISHED', WITHDRAW: 'WITHDRAWN' },
  PUBLISHED: { EDIT: 'PUBLISHED', WITHDRAW: 'WITHDRAWN', LINK_NOTICE: 'PUBLISHED', LAUNCH: 'LAUNCHED' },
  WITHDRAWN: {},
  LAUNCHED: {},
};

describe('the planned purchase lifecycle', () => {
  const pairs = PLANNED_PURCHASE_STATUSES.flatMap((status) => PLANNED_PURCHASE_EVENTS.map((event) => [status, event] as const));

  it('covers every status × event pair (4 × 5)', () => {
    expect(pairs).toHaveLength(20);
  });

  it.each(pairs)('from %s, %s is decided by the table', (status, event) => {
    const expected = ALLOWED[status][event];
    const result = planTransition(status, event);
    if (expected) expect(result).toEqual({ ok: true, status: expected });
    else expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^Une? .+ ne peut pas .+\.$/) });
  });

  it.each([
    ['DRAFT', null, false],
    ['WITHDRAWN', null, false],
    ['WITHDRAWN', new Date('2026-03-01T00:00:00Z'), true],
    ['PUBLISHED', new Date('2026-03-01T00:00:00Z'), true],
    ['LAUNCHED', new Date('2026-03-01T00:00:00Z'), true],
  ] as const)('a %s planned purchase published at %s is public: %s', (status, publishedAt, expected) => {
    expect(isPublic(status, publishedAt)).toBe(expected);
  });
});
