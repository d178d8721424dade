import type { EntityManager } from '@mikro-orm/sqlite';
import { TRAINING_TOPICS, type TrainingTopic } from './training-topics.js';
import { TrainingSession } from './training-session.entity.js';
import { Training } from './training.entity.js';

/** Read side of the public catalogue. */
export class TrainingQueries {
  constructor(private readonly em: EntityManager) {}

  /** Active trainings, grouped by topic in the catalogue's order, then by title. */
  async catalogue(topic?: TrainingTopic | null, includeArchived = false): Promise<Training[]> {
    const trainings = await this.em.find(
      Training,
      { ...(topic ? { topic } : {}), ...(includeArchived ? {} : { active: true }) },
      { orderBy: { title: 'asc' } },
    );
    const rank = (training: Training) => TRAINING_TOPICS.indexOf(training.topic);
    return trainings.sort((a, b) => rank(a) - rank(b));
  }

  async bySlug(slug: string): Promise<Training | null> {
    return this.em.findOne(Training, { slug: slug.trim() });
  }

  /** Scheduled sessions not started yet, soonest first, of trainings still offered. */
  async comingSessions(now: Date, limit: number, topic?: TrainingTopic | null): Promise<TrainingSession[]> {
    return this.em.find(
      TrainingSession,
      { status: 'SCHEDULED', startsAt: { $gt: now }, training: { active: true, ...(topic ? { topic } : {}) } },
      { orderBy: { startsAt: 'asc', id: 'asc' }, limit },
    );
  }

  async session(id: string): Promise<TrainingSession | null> {
    return this.em.findOne(TrainingSession, { id });
  }
}
