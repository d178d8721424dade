import { describe, expect, it } from 'vitest';
import { agreementDatesProblem, groupCarrierProblem, groupMemberIds } from './group-carrier.js';

const group = { coordinatorId: 'agglo', memberIds: ['agglo', 'draguignan', 'lorgues'] };

describe('who may carry a notice for a purchasing group', () => {
  it('lets the coordinator carry it', () => {
    expect(groupCarrierProblem('agglo', group)).toBeNull();
  });

  it('refuses a member that is not the coordinator, saying only the coordinator publishes', () => {
    expect(groupCarrierProblem('lorgues', group)).toMatch(/seul le coordonnateur/i);
  });

  it('refuses an organisation outside the group', () => {
    expect(groupCarrierProblem('vidauban', group)).toMatch(/ne fait pas partie du groupement/);
  });
});

describe('the members of a group', () => {
  it('always include the coordinator, first, and each organisation once', () => {
    expect(groupMemberIds('agglo', ['lorgues', 'agglo', 'lorgues', 'draguignan'])).toEqual(['agglo', 'lorgues', 'draguignan']);
    expect(groupMemberIds('agglo', [])).toEqual(['agglo']);
  });
});

describe('the agreement dates of a group', () => {
  it.each([
    ['2026-01-01', null, null],
    ['2026-01-01', '2026-01-01', null],
    ['2026-01-01', '2029-12-31', null],
  ])('accepts a start of %s and an end of %s', (start, end, expected) => {
    expect(agreementDatesProblem(start, end)).toBe(expected);
  });

  it('refuses an end before the start', () => {
    expect(agreementDatesProblem('2026-06-01', '2026-05-31')).toMatch(/ne peut finir avant de commencer/);
  });
});
