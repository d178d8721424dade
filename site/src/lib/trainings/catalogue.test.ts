import { describe, expect, it } from 'vitest';
import { agenda, groupByTopic, withSessionsAfter } from './catalogue.js';
import { aSession, aTraining } from './test-builders.js';

const basics = aTraining({ slug: 'fondamentaux', title: 'Les fondamentaux', topic: 'PROCUREMENT_BASICS', topicLabel: 'Fondamentaux' });
const negotiation = aTraining({ slug: 'negocier', title: 'Négocier', topic: 'NEGOTIATION', topicLabel: 'Négociation' });
const negotiation2 = aTraining({ slug: 'negocier-2', title: 'Négocier, niveau 2', topic: 'NEGOTIATION', topicLabel: 'Négociation' });
const ethics = aTraining({ slug: 'deontologie', title: 'Déontologie', topic: 'ETHICS', topicLabel: 'Déontologie' });

describe('grouping the catalogue by topic', () => {
  it.each([
    ['keeps the hub’s order of topics and of trainings within each', [basics, negotiation, negotiation2, ethics], [['Fondamentaux', ['fondamentaux']], ['Négociation', ['negocier', 'negocier-2']], ['Déontologie', ['deontologie']]]],
    ['gathers the trainings of one topic even when the hub interleaves them', [negotiation, ethics, negotiation2], [['Négociation', ['negocier', 'negocier-2']], ['Déontologie', ['deontologie']]]],
    ['gives no group for an empty catalogue', [], []],
  ] as const)('%s', (_, trainings, expected) => {
    expect(groupByTopic(trainings).map((group) => [group.label, group.trainings.map((t) => t.slug)])).toEqual(expected);
  });
});

describe('the coming sessions', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const early = aSession({ id: 'b', startsAt: '2026-12-03T08:00:00Z' });
  const late = aSession({ id: 'c', startsAt: '2027-01-10T08:00:00Z' });
  const started = aSession({ id: 'a', startsAt: '2026-12-01T08:00:00Z' });
  const startsNow = aSession({ id: 'n', startsAt: now.toISOString() });

  it('drops the sessions that started before the build read the clock, and those starting that instant', () => {
    const [training] = withSessionsAfter([aTraining({ comingSessions: [started, startsNow, early, late] })], now);
    expect(training!.comingSessions.map((s) => s.id)).toEqual(['b', 'c']);
  });

  it('lists every session of every training, soonest first, each with its training', () => {
    const entries = agenda([aTraining({ slug: 'x', comingSessions: [late] }), aTraining({ slug: 'y', comingSessions: [early] })]);
    expect(entries.map((entry) => [entry.session.id, entry.training.slug])).toEqual([['b', 'y'], ['c', 'x']]);
  });

  it('orders sessions starting at the same instant by training title, then by id', () => {
    const same = '2026-12-03T08:00:00Z';
    const entries = agenda([
      aTraining({ title: 'Sourçage', comingSessions: [aSession({ id: 's', startsAt: same })] }),
      aTraining({ title: 'Achats durables', comingSessions: [aSession({ id: 'z', startsAt: same }), aSession({ id: 'y', startsAt: same })] }),
    ]);
    expect(entries.map((entry) => entry.session.id)).toEqual(['y', 'z', 's']);
  });
});
