import type { Training, TrainingSession } from './types.js';

// Readable fixtures for the trainings' unit tests.

export function aSession(overrides: Partial<TrainingSession> = {}): TrainingSession {
  return {
    id: 'session-1',
    startsAt: '2026-12-08T08:00:00.000Z',
    endsAt: '2026-12-08T11:30:00.000Z',
    place: 'Hôtel d’agglomération, Draguignan',
    isRemote: false,
    capacity: 12,
    seatsLeft: 5,
    ...overrides,
  };
}

export function aTraining(overrides: Partial<Training> = {}): Training {
  return {
    slug: 'negocier-en-procedure-adaptee',
    title: 'Négocier en procédure adaptée',
    topic: 'NEGOTIATION',
    topicLabel: 'Négociation',
    description: 'Préparer et conduire une négociation.',
    providerKind: 'EXTERNAL',
    providerName: 'CNFPT',
    durationHours: 7,
    comingSessions: [],
    ...overrides,
  };
}
