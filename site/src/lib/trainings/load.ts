import { queryHub } from '../hub/client.js';
import { DEFAULT_HUB_URL, type LoadOptions } from '../hub/load.js';
import { agenda, groupByTopic, withSessionsAfter, type AgendaEntry, type TopicGroup } from './catalogue.js';
import type { Training, TrainingStatistics } from './types.js';

// No `comingTrainingSessions`: the agenda is built from the catalogue's sessions, which the hub does not cap.
export const TRAININGS_QUERY = `query SiteTrainings {
  trainings { slug title topic topicLabel description providerKind providerName durationHours
    comingSessions { id startsAt endsAt place isRemote capacity seatsLeft } }
  trainingStatistics { since headcount trainedCount trainedShare sessionsHeld hoursOfTraining
    organisations { organisation { slug name kind } headcount trainedCount trainedShare } }
}`;

export interface TrainingsData {
  topics: TopicGroup[];
  agenda: AgendaEntry[];
  statistics: TrainingStatistics;
}

/** What /formations/ shows; any failure of the hub is a HubError, which fails the build. */
export async function loadTrainings(options: LoadOptions): Promise<TrainingsData> {
  const { now = () => new Date() } = options;
  const data = await queryHub<{ trainings: Training[]; trainingStatistics: TrainingStatistics }>(options, TRAININGS_QUERY);
  // The clock is read after the download, as for the notices: a session that starts meanwhile counts as started.
  const trainings = withSessionsAfter(data.trainings, now());
  return { topics: groupByTopic(trainings), agenda: agenda(trainings), statistics: data.trainingStatistics };
}

let trainings: Promise<TrainingsData> | undefined;

export function getTrainings(): Promise<TrainingsData> {
  trainings ??= loadTrainings({ endpoint: process.env.HUB_URL || DEFAULT_HUB_URL });
  return trainings;
}
