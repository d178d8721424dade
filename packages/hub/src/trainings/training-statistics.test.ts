import { describe, expect, it } from 'vitest';
import { summarise } from './training-statistics.js';

describe('the public training figures', () => {
  const since = new Date('2024-12-01T00:00:00Z');
  const headcounts = new Map([
    ['agglo', 3],
    ['lorgues', 1],
  ]);
  const row = (staffMember: string, organisation: string, session: string, active = true) => ({ staffMember, organisation, session, active, durationHours: 3.5 });

  it('counts a person trained twice once, hours and sessions for every attendance, and leavers in no count of people', () => {
    const figures = summarise(since, headcounts, [row('ann', 'agglo', 's1'), row('ann', 'agglo', 's2'), row('bob', 'agglo', 's2'), row('eve', 'lorgues', 's1', false)]);
    expect(figures).toEqual({
      since,
      headcount: 4,
      trainedCount: 2,
      sessionsHeld: 2,
      hoursOfTraining: 14,
      organisations: [
        { organisationId: 'agglo', headcount: 3, trainedCount: 2 },
        { organisationId: 'lorgues', headcount: 1, trainedCount: 0 },
      ],
    });
  });

  it('is all zeros without attendances', () => {
    expect(summarise(since, new Map(), [])).toEqual({ since, headcount: 0, trainedCount: 0, sessionsHeld: 0, hoursOfTraining: 0, organisations: [] });
  });
});
