import { afterEach, describe, expect, it } from 'vitest';
import { HubError } from '../hub/client.js';
import { hubAnswering as startHub, json, type FakeHub, type Handler } from '../test-support/fake-hub.js';
import { loadTrainings } from './load.js';
import { aSession, aTraining } from './test-builders.js';

const hubs: FakeHub[] = [];
async function hubAnswering(handler: Handler): Promise<FakeHub> {
  const hub = await startHub(handler);
  hubs.push(hub);
  return hub;
}

afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
});

const statistics = { since: '2024-12-01T00:00:00Z', headcount: 8, trainedCount: 6, trainedShare: 0.75, sessionsHeld: 9, hoursOfTraining: 157.5, organisations: [] };
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
    expect(data.statistics).toEqual(statistics);
    expect(hub.requests).toHaveLength(1);
  });

  it('fails, so the build fails, when the hub answers with an error', async () => {
    const hub = await hubAnswering((_, res) =>
      json(res, { data: null, errors: [{ message: 'Cannot query field "trainings"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] }, 400),
    );
    await expect(loadTrainings({ endpoint: hub.endpoint, now })).rejects.toThrow(HubError);
    await expect(loadTrainings({ endpoint: hub.endpoint, now })).rejects.toThrow(/GRAPHQL_VALIDATION_FAILED/);
  });

  it('fails when the hub cannot be reached', async () => {
    const hub = await hubAnswering(() => undefined);
    const { endpoint } = hub;
    await hub.close();
    await expect(loadTrainings({ endpoint, now })).rejects.toThrow(/cannot reach the hub/);
  });
});
