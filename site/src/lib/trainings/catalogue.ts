import type { Training, TrainingSession } from './types.js';

export interface TopicGroup {
  topic: string;
  label: string;
  trainings: Training[];
}

/** One coming session with the training it belongs to, for the agenda. */
export interface AgendaEntry {
  session: TrainingSession;
  training: Training;
}

/** The catalogue by topic, topics and trainings in the hub's order (it puts the fundamentals first). */
export function groupByTopic(trainings: readonly Training[]): TopicGroup[] {
  const groups = new Map<string, TopicGroup>();
  for (const training of trainings) {
    let group = groups.get(training.topic);
    if (!group) {
      group = { topic: training.topic, label: training.topicLabel, trainings: [] };
      groups.set(training.topic, group);
    }
    group.trainings.push(training);
  }
  return [...groups.values()];
}

/**
 * The trainings with only the sessions that start after `now`: the hub's "coming" is the hub's clock, and a
 * session that starts while the site builds is no longer one to sign up for.
 */
export function withSessionsAfter(trainings: readonly Training[], now: Date): Training[] {
  return trainings.map((training) => ({
    ...training,
    comingSessions: training.comingSessions.filter((session) => Date.parse(session.startsAt) > now.getTime()),
  }));
}

/**
 * Every coming session of the catalogue, soonest first. Built from the catalogue rather than from the hub's
 * `comingTrainingSessions`, which stops at 200: the agenda and the catalogue always list the same sessions.
 */
export function agenda(trainings: readonly Training[]): AgendaEntry[] {
  return trainings
    .flatMap((training) => training.comingSessions.map((session) => ({ session, training })))
    .sort(
      (a, b) =>
        Date.parse(a.session.startsAt) - Date.parse(b.session.startsAt) ||
        a.training.title.localeCompare(b.training.title, 'fr') ||
        a.session.id.localeCompare(b.session.id),
    );
}
