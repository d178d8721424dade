import { describe, expect, it } from 'vitest';
import { HubError } from '../hub/client.js';
import { fakeHubsClosedAfterEach, json } from '../test-support/fake-hub.js';
import { loadTrainings, TRAININGS_QUERY } from './load.js';
import { aSession, aTraining } from './test-builders.js';
import type { TrainingStatistics } from './types.js';

const hubAnswering = fakeHubsClosedAfterEach();

const ref = (name: string) => ({ slug: name.toLowerCase(), name, kind: 'COMMUNE' as const });
const statistics: TrainingStatistics = {
  since: '2024-12-01T00:00:00Z',
  withheld: null,
  headcount: 8,
  trainedCount: 6,
  trainedShare: 0.75,
  sessionsHeld: 9,
  hoursOfTraining: 157.5,
  organisations: [
    { organisation: ref('Draguignan'), withheld: null, headcount: 4, trainedCount: 3, trainedShare: 0.75 },
    { organisation: ref('Lorgues'), withheld: 'COMPLEMENTARY', headcount: null, trainedCount: null, trainedShare: null },
    { organisation: ref('Le Muy'), withheld: 'SMALL', headcount: null, trainedCount: null, trainedShare: null },
  ],
};
const now = () => new Date('2026-12-01T10:00:00Z');

describe('loading the trainings', () => {
  it('groups the catalogue by topic and lists the sessions that start after the build’s clock, soonest first', async () => {
    const hub = await hubAnswering((_, res) =>
      json(res, {
        data: {
          trainings: [
            aTraining({ slug: 'a', topic: 'ETHICS', topicLabel: 'Déontologie', comingSessions: [aSession({ id: 'late', startsAt: '2027-02-01T08:00:00Z' })] }),
            aTraining({ slug: 'b', comingSessions: [aSession({ id: 'started', startsAt: '2026-12-01T08:00:00Z' }), aSession({ id: 'soon', startsAt: '2026-12-02T08:00:00Z' })] }),
          ],
          trainingStatistics: statistics,
        },
      }),
    );
    const data = await loadTrainings({ endpoint: hub.endpoint, now });
    expect(data.topics.map((group) => group.label)).toEqual(['Déontologie', 'Négociation']);
    expect(data.agenda.map((entry) => entry.session.id)).toEqual(['soon', 'late']);
    expect(data.topics[1]!.trainings[0]!.comingSessions.map((session) => session.id)).toEqual(['soon']);
    expect(data.statistics).toEqual({
      since: statistics.since,
      sessionsHeld: 9,
      hoursOfTraining: 157.5,
      figures: {
        territory: { published: true, headcount: 8, count: 6, share: 0.75 },
        organisations: [
          { organisation: ref('Draguignan'), published: true, headcount: 4, count: 3, share: 0.75 },
          { organisation: ref('Lorgues'), published: false, reason: 'complementary' },
          { organisation: ref('Le Muy'), published: false, reason: 'small' },
        ],
      },
    });
    expect(hub.requests).toHaveLength(1);
  });

  it('asks the hub why it withholds figures, so a hub that does not say fails the build', () => {
    expect(TRAININGS_QUERY).toMatch(/trainingStatistics \{ since withheld /);
    expect(TRAININGS_QUERY).toMatch(/organisations \{ organisation \{ slug name kind \} withheld /);
  });

  it('refuses figures of fewer than three staff accounts as data the hub caused, so the page is left out, not published', async () => {
    const lone = { organisation: ref('Le Muy'), withheld: null, headcount: 1, trainedCount: 1, trainedShare: 1 };
    const hub = await hubAnswering((_, res) => json(res, { data: { trainings: [], trainingStatistics: { ...statistics, organisations: [lone] } } }));
    await expect(loadTrainings({ endpoint: hub.endpoint, now })).rejects.toThrow(/Le Muy: the hub publishes the figures of 1 staff accounts/);
    await expect(loadTrainings({ endpoint: hub.endpoint, now })).rejects.toMatchObject({ dataRefused: true });
  });

  it('fails, so the build fails, when the hub refuses to run the query (HTTP 400), which no data explains', async () => {
    const hub = await hubAnswering((_, res) =>
      json(res, { data: null, errors: [{ message: 'Cannot query field "trainings"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] }, 400),
    );
    await expect(loadTrainings({ endpoint: hub.endpoint, now })).rejects.toThrow(HubError);
    await expect(loadTrainings({ endpoint: hub.endpoint, now })).rejects.toThrow(/GRAPHQL_VALIDATION_FAILED/);
    await expect(loadTrainings({ endpoint: hub.endpoint, now })).rejects.toMatchObject({ dataRefused: false });
  });

  it('fails when the hub cannot be reached', async () => {
    const hub = await hubAnswering(() => undefined);
    const { endpoint } = hub;
    await hub.close();
    await expect(loadTrainings({ endpoint, now })).rejects.toThrow(/cannot reach the hub/);
  });
});
