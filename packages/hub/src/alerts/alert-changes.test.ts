import { describe, expect, it } from 'vitest';
import { PLANNED_PURCHASE_STATUSES } from '../planning/planned-purchase-lifecycle.js';
import { ALERT_REASONS } from './alert-announcement.entity.js';
import { changedFieldsPhrase, changeOf, isPlanReason, planStillTold, type PlanReason } from './alert-changes.js';

describe('who hears of a change', () => {
  it.each([
    ['PUBLISHED', null],
    ['CORRECTED', 'PUBLISHED'],
    ['CANCELLED', 'PUBLISHED'],
    ['PLANNED', null],
    ['PLAN_UPDATED', 'PLANNED'],
    ['PLAN_WITHDRAWN', 'PLANNED'],
  ] as const)('%s goes to %s', (reason, toldOf) => {
    expect(changeOf(reason)).toBe(toldOf);
  });

  it('decides every reason, and a change always goes to those told of something of its own kind', () => {
    for (const reason of ALERT_REASONS) {
      const toldOf = changeOf(reason);
      if (toldOf !== null) {
        expect(changeOf(toldOf)).toBeNull();
        expect(isPlanReason(toldOf)).toBe(isPlanReason(reason));
      }
    }
    expect(ALERT_REASONS.filter(isPlanReason)).toEqual(['PLANNED', 'PLAN_UPDATED', 'PLAN_WITHDRAWN']);
  });
});

describe('whether a planned purchase is still told', () => {
  const expected: Record<PlanReason, string[]> = {
    PLANNED: ['PUBLISHED'],
    PLAN_UPDATED: ['PUBLISHED'],
    PLAN_WITHDRAWN: ['WITHDRAWN'],
  };
  for (const [reason, statuses] of Object.entries(expected) as Array<[PlanReason, string[]]>) {
    for (const status of PLANNED_PURCHASE_STATUSES) {
      const told = statuses.includes(status);
      it(`${told ? 'tells' : 'does not tell'} ${reason} of a planned purchase now ${status}`, () => {
        expect(planStillTold(reason, status)).toBe(told);
      });
    }
  }
});

describe('what a change touched, in words', () => {
  it.each([
    [[], ''],
    [['subject'], 'l’objet'],
    [['launchQuarter', 'subject'], 'l’objet et le trimestre de lancement'],
    [['procedure', 'launchYear', 'launchQuarter'], 'l’année de lancement, le trimestre de lancement et la procédure envisagée'],
    [['contactService', 'contactEmail'], 'le contact'],
    [['notAField'], ''],
  ])('%j reads « %s »', (fields, phrase) => {
    expect(changedFieldsPhrase(fields)).toBe(phrase);
  });
});
