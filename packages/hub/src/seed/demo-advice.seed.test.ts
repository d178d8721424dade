import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdviceRequest } from '../advice/advice-request.entity.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { DEMO_PASSWORD, seedDemo } from './demo.seed.js';

describe('the demo’s advice requests', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
    await seedDemo(hub.orm.em.fork(), hub.config, hub.clock.now());
  });
  afterAll(() => hub?.close());

  it('are in different states: closed and published, answered, awaiting the expert, late and waiting for the admins', async () => {
    const admin = await hub.login('commande.publique.admin@demo.dracenie.example', DEMO_PASSWORD);
    const result = await hub.gql(
      '{ adviceRequests(first: 50) { edges { node { subject state overdue expert { name } publishedInKnowledgeBase } } } }',
      {},
      admin,
    );
    expect(result.errors).toBeUndefined();
    const bySubject = Object.fromEntries(result.data!.adviceRequests.edges.map(({ node }: { node: any }) => [node.subject.slice(0, 20), node]));
    expect(bySubject).toEqual({
      'Cahier des charges p': { subject: expect.any(String), state: 'CLOSED', overdue: false, expert: { name: 'Nadia Benali' }, publishedInKnowledgeBase: true },
      'Kilométrage dépassé ': { subject: expect.any(String), state: 'ANSWERED', overdue: false, expert: { name: 'Nadia Benali' }, publishedInKnowledgeBase: false },
      'Trouver des opérateu': { subject: expect.any(String), state: 'ASSIGNED', overdue: false, expert: { name: 'Nadia Benali' }, publishedInKnowledgeBase: false },
      'Marché de repas pour': { subject: expect.any(String), state: 'SUBMITTED', overdue: true, expert: null, publishedInKnowledgeBase: false },
    });
    const knowledge = await hub.gql('{ knowledgeEntries { totalCount } }', {}, await hub.login('acheteur@demo.draguignan.example', DEMO_PASSWORD));
    expect(knowledge.data!.knowledgeEntries.totalCount).toBe(1);
  });

  it('changes nothing when seeded again', async () => {
    const before = await hub.orm.em.fork().count(AdviceRequest, {});
    const summary = await seedDemo(hub.orm.em.fork(), hub.config, hub.clock.now());
    expect(summary.advice).toEqual({ requestsCreated: 0 });
    expect(await hub.orm.em.fork().count(AdviceRequest, {})).toBe(before);
  });
});
