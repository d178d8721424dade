import { describe, expect, it } from 'vitest';
import { EMPTY_CRITERIA, type AlertCriteria } from './alert-criteria.js';
import { ALERT_CRITERION_KINDS, countAlertSubscriptions, criterionKinds } from './alert-subscription-counts.js';

const criteria = (overrides: Partial<AlertCriteria>): AlertCriteria => ({ ...EMPTY_CRITERIA, ...overrides });

describe('the kinds of criteria a subscription sets', () => {
  it.each<[string, Partial<AlertCriteria>, string[]]>([
    ['no criterion at all', {}, ['NONE']],
    ['communes', { communes: ['83072'] }, ['COMMUNES']],
    ['buyers', { buyers: ['lorgues'] }, ['BUYERS']],
    ['families', { families: ['espaces-verts'] }, ['FAMILIES']],
    ['CPV prefixes', { cpvPrefixes: ['7731'] }, ['CPV_PREFIXES']],
    ['keywords', { keywords: ['toiture'] }, ['KEYWORDS']],
    ['a minimum amount only', { minAmount: 40_000 }, ['AMOUNT']],
    ['a maximum amount only', { maxAmount: 90_000 }, ['AMOUNT']],
    ['procedures', { procedures: ['ADAPTED'] }, ['PROCEDURES']],
    ['planned purchases and nothing else', { includePlanned: true }, ['NONE', 'PLANNED_PURCHASES']],
    [
      'every criterion',
      { communes: ['83072'], buyers: ['lorgues'], families: ['espaces-verts'], cpvPrefixes: ['45'], keywords: ['toiture'], minAmount: 0, maxAmount: 10, procedures: ['OPEN'], includePlanned: true },
      ['COMMUNES', 'BUYERS', 'FAMILIES', 'CPV_PREFIXES', 'KEYWORDS', 'AMOUNT', 'PROCEDURES', 'PLANNED_PURCHASES'],
    ],
  ])('%s', (_label, overrides, kinds) => {
    expect(criterionKinds(criteria(overrides))).toEqual(kinds);
  });
});

describe('counting subscriptions for admins', () => {
  it('counts pending ones apart, and only confirmed ones per mode and per kind of criterion', () => {
    const counts = countAlertSubscriptions([
      { criteria: criteria({ communes: ['83072'], families: ['espaces-verts'] }), frequency: 'DAILY', confirmed: true },
      { criteria: criteria({ keywords: ['toiture'], includePlanned: true }), frequency: 'IMMEDIATE', confirmed: true },
      { criteria: criteria({}), frequency: 'IMMEDIATE', confirmed: true },
      { criteria: criteria({ communes: ['83050'] }), frequency: 'DAILY', confirmed: false },
    ]);
    expect(counts).toEqual({
      confirmed: 3,
      pending: 1,
      immediate: 2,
      daily: 1,
      byCriterion: [
        { kind: 'COMMUNES', subscriptions: 1 },
        { kind: 'BUYERS', subscriptions: 0 },
        { kind: 'FAMILIES', subscriptions: 1 },
        { kind: 'CPV_PREFIXES', subscriptions: 0 },
        { kind: 'KEYWORDS', subscriptions: 1 },
        { kind: 'AMOUNT', subscriptions: 0 },
        { kind: 'PROCEDURES', subscriptions: 0 },
        { kind: 'PLANNED_PURCHASES', subscriptions: 1 },
        { kind: 'NONE', subscriptions: 1 },
      ],
    });
  });

  it('gives every kind, at zero, when nobody subscribes', () => {
    const counts = countAlertSubscriptions([]);
    expect(counts).toMatchObject({ confirmed: 0, pending: 0, immediate: 0, daily: 0 });
    expect(counts.byCriterion.map((row) => row.kind)).toEqual([...ALERT_CRITERION_KINDS]);
    expect(counts.byCriterion.every((row) => row.subscriptions === 0)).toBe(true);
  });
});
