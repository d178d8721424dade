import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_HANDLING, lastSequenceOf, NOTICE_EVENT_TYPES, planRelease, withHandledBeside, type ReleaseItem } from './release-plan.js';

/** The event types the hub emits, read from its source (the publisher does not depend on the hub's package). */
function hubEventTypes(): string[] {
  const source = readFileSync(new URL('../../../hub/src/events/domain-events.ts', import.meta.url), 'utf8');
  const list = /DOMAIN_EVENT_TYPES = \[([\s\S]*?)\] as const/.exec(source)?.[1];
  if (!list) throw new Error('DOMAIN_EVENT_TYPES not found in the hub’s domain-events.ts');
  return [...list.replace(/\/\/.*$/gm, '').matchAll(/'([^']+)'/g)].map((match) => match[1]!);
}

const inStep = { rendererInStep: true, lastSequence: null };
const notice = (type: string, reference: string, sequence?: number): ReleaseItem => ({
  type,
  data: { reference },
  ...(sequence !== undefined ? { sequence } : {}),
});

describe('which schedule a release takes', () => {
  it('renders incrementally the notices named by notice events when the renderer holds the site online', () => {
    expect(planRelease([notice('notice.published', '2026-DRA-0001'), notice('notice.corrected', '2026-DRA-0002')], inStep)).toEqual({
      kind: 'incremental',
      references: ['2026-DRA-0001', '2026-DRA-0002'],
    });
  });

  it.each([...NOTICE_EVENT_TYPES])('treats %s as a change of one notice', (type) => {
    expect(planRelease([notice(type, '2026-DRA-0001')], inStep)).toEqual({ kind: 'incremental', references: ['2026-DRA-0001'] });
  });

  it('reads a notice once however many events name it', () => {
    expect(planRelease([notice('notice.corrected', 'R1'), notice('notice.cancelled', 'R1')], inStep)).toEqual({
      kind: 'incremental',
      references: ['R1'],
    });
  });

  it('builds everything after a start or restart, when the renderer holds no data of the site online', () => {
    expect(planRelease([notice('notice.published', 'R1')], { rendererInStep: false, lastSequence: null })).toMatchObject({ kind: 'full' });
  });

  it('builds everything for an event it does not know', () => {
    const plan = planRelease([notice('notice.published', 'R1'), { type: 'notice.teleported', data: { reference: 'R1' } }], inStep);
    expect(plan).toEqual({ kind: 'full', reason: 'an event the incremental schedule does not know: notice.teleported' });
  });

  it('builds everything for an event whose pages no incremental step renders (a buyer renamed)', () => {
    const plan = planRelease([notice('notice.published', 'R1'), { type: 'organisation.updated', data: { siren: '1' } }], inStep);
    expect(plan).toEqual({ kind: 'full', reason: 'a organisation.updated event changes pages no incremental step renders' });
  });

  describe('every event type the hub emits', () => {
    const types = hubEventTypes();

    it('is in the table, and the table names no type the hub does not emit', () => {
      expect(types.length).toBeGreaterThan(20);
      expect(Object.keys(EVENT_HANDLING).sort()).toEqual([...types].sort());
    });

    it.each(types)('%s: an incremental release of its notice, the slow path, or a full build', (type) => {
      const plan = planRelease([{ type, data: { reference: '2026-DRA-0001' }, sequence: 8 }], { rendererInStep: true, lastSequence: 7 });
      const expected = { notice: { kind: 'incremental', references: ['2026-DRA-0001'] }, slow: { kind: 'search' }, full: { kind: 'full' } }[
        EVENT_HANDLING[type]!
      ];
      expect(plan).toMatchObject(expected);
    });
  });

  it('renders a notice event incrementally when events for the slow path come with it (the slow path follows)', () => {
    expect(planRelease([{ type: 'advice.message', data: { id: 'x' } }, notice('notice.corrected', 'R1')], inStep)).toEqual({
      kind: 'incremental',
      references: ['R1'],
    });
  });

  it('builds everything for a notice event without a usable reference', () => {
    expect(planRelease([{ type: 'notice.published', data: {} }], inStep)).toMatchObject({ kind: 'full' });
    expect(planRelease([{ type: 'notice.published', data: { reference: '../../etc' } }], inStep)).toMatchObject({ kind: 'full' });
  });

  it('builds everything when asked to (operator, periodic reconciliation), whatever else waits', () => {
    expect(planRelease([notice('notice.published', 'R1'), { full: 'periodic full build' }], inStep)).toEqual({
      kind: 'full',
      reason: 'periodic full build',
    });
  });

  it('builds everything on a gap in the hub’s event sequence, and not when the sequence follows on', () => {
    const state = { rendererInStep: true, lastSequence: 41 };
    expect(planRelease([notice('notice.published', 'R1', 42), notice('notice.corrected', 'R1', 43)], state)).toMatchObject({ kind: 'incremental' });
    expect(planRelease([notice('notice.published', 'R1', 44)], state)).toEqual({
      kind: 'full',
      reason: "a gap in the hub's event sequence (41 then 44)",
    });
  });

  it('takes a delivery sent again (a number already seen) for no gap', () => {
    const state = { rendererInStep: true, lastSequence: 41 };
    expect(planRelease([notice('notice.corrected', 'R1', 41), notice('notice.corrected', 'R1', 42), notice('notice.corrected', 'R1', 42)], state)).toEqual({
      kind: 'incremental',
      references: ['R1'],
    });
    expect(planRelease([notice('notice.corrected', 'R1', 40)], state)).toMatchObject({ kind: 'incremental' });
  });

  it('counts the events the slow path followed beside the releases as seen, and still sees a gap past them', () => {
    // 42 and 43 changed only slow pages (a training, the charter): no release of their own.
    const state = { rendererInStep: true, lastSequence: 41, handledBeside: new Set([42, 43]) };
    expect(planRelease([notice('notice.published', 'R1', 44)], state)).toEqual({ kind: 'incremental', references: ['R1'] });
    expect(planRelease([notice('notice.published', 'R1', 45)], state)).toEqual({
      kind: 'full',
      reason: "a gap in the hub's event sequence (43 then 45)",
    });
    expect(planRelease([notice('notice.published', 'R1', 44)], { ...state, handledBeside: new Set([43]) })).toMatchObject({ kind: 'full' });
    expect(withHandledBeside(41, new Set([42, 43, 45]))).toBe(43);
    expect(withHandledBeside(null, new Set([1]))).toBeNull();
  });

  it('orders events by sequence before looking for a gap', () => {
    const state = { rendererInStep: true, lastSequence: 1 };
    expect(planRelease([notice('notice.corrected', 'R1', 3), notice('notice.published', 'R1', 2)], state)).toMatchObject({ kind: 'incremental' });
  });

  it('takes the slow path (search index, indicators, open data) when only it waits', () => {
    expect(planRelease([{ slow: 'search index' }], inStep)).toEqual({ kind: 'search' });
    expect(planRelease([{ slow: 'search index' }, notice('notice.published', 'R1')], inStep)).toMatchObject({ kind: 'incremental' });
  });

  it('remembers the highest sequence a release covered', () => {
    expect(lastSequenceOf([notice('notice.published', 'R1', 7), { full: 'x' }, notice('notice.published', 'R2', 5)], 3)).toBe(7);
    expect(lastSequenceOf([notice('notice.published', 'R1')], 3)).toBe(3);
  });
});
