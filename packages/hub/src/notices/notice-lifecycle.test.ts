import { describe, expect, it } from 'vitest';
import {
  NOTICE_EVENTS,
  NOTICE_STATUSES,
  completionEvent,
  effectiveStatus,
  isOpen,
  transition,
  type NoticeEvent,
  type NoticeStatus,
} from './notice-lifecycle.js';

/** The expected table, written out by hand: every pair not listed must be refused. */
const ALLOWED: Record<NoticeStatus, Partial<Record<NoticeEvent, NoticeStatus>>> = {
  DRAFT: { EDIT_DRAFT: 'DRAFT', PUBLISH: 'PUBLISHED' },
  PUBLISHED: { CORRECT: 'PUBLISHED', CLOSE: 'CLOSED', CANCEL: 'CANCELLED' },
  CLOSED: {
    AWARD_LOT: 'CLOSED',
    DECLARE_LOT_UNSUCCESSFUL: 'CLOSED',
    COMPLETE_AWARDED: 'AWARDED',
    COMPLETE_UNSUCCESSFUL: 'UNSUCCESSFUL',
    CANCEL: 'CANCELLED',
  },
  AWARDED: {},
  UNSUCCESSFUL: {},
  CANCELLED: {},
};

describe('the notice lifecycle', () => {
  const pairs = NOTICE_STATUSES.flatMap((status) => NOTICE_EVENTS.map((event) => [status, event] as const));

  it('covers every status × event pair (6 × 9)', () => {
    expect(pairs).toHaveLength(54);
  });

  it.each(pairs)('from %s, %s is decided by the table', (status, event) => {
    const expected = ALLOWED[status][event];
    const result = transition(status, event);
    if (expected) expect(result).toEqual({ ok: true, status: expected });
    else expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(/^Une? .+ ne peut pas .+\.$/) });
  });

  it('a published notice is closed once its deadline has passed, at the deadline instant itself', () => {
    const deadline = new Date('2026-12-14T11:00:00Z');
    expect(effectiveStatus('PUBLISHED', deadline, new Date('2026-12-14T10:59:59Z'))).toBe('PUBLISHED');
    expect(effectiveStatus('PUBLISHED', deadline, deadline)).toBe('CLOSED');
    expect(isOpen('PUBLISHED', deadline, new Date('2026-12-14T10:59:59Z'))).toBe(true);
    expect(isOpen('PUBLISHED', deadline, new Date('2026-12-15T00:00:00Z'))).toBe(false);
  });

  it.each(NOTICE_STATUSES.filter((status) => status !== 'PUBLISHED'))('the deadline does not change a %s notice', (status) => {
    expect(effectiveStatus(status, new Date('2020-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'))).toBe(status);
    expect(isOpen(status, new Date('2030-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'))).toBe(false);
  });

  it.each([
    [[], null],
    [['OPEN'], null],
    [['AWARDED', 'OPEN'], null],
    [['AWARDED'], 'COMPLETE_AWARDED'],
    [['AWARDED', 'UNSUCCESSFUL'], 'COMPLETE_AWARDED'],
    [['UNSUCCESSFUL', 'UNSUCCESSFUL'], 'COMPLETE_UNSUCCESSFUL'],
  ])('lots %j complete the notice with %s', (lots, expected) => {
    expect(completionEvent(lots)).toBe(expected);
  });
});
