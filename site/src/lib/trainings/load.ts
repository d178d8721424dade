import { optionalSection, type Attempt } from '../build-report/left-out.js';
import { buildHubClient } from '../hub/build-client.js';
import { queryHub } from '../hub/client.js';
import type { LoadOptions } from '../hub/load.js';
import { agenda, groupByTopic, withSessionsAfter, type AgendaEntry, type TopicGroup } from './catalogue.js';
import { publishedStaffFigures, type PublishedStaffFigures } from '../staff-figures/shares.js';
import type { Training, TrainingStatistics } from './types.js';

// No `comingTrainingSessions`: the agenda is built from the catalogue's sessions, which the hub does not cap.
export const TRAININGS_QUERY = `query SiteTrainings {
  trainings { slug title topic topicLabel description providerKind providerName durationHours
    comingSessions { id startsAt endsAt place isRemote capacity seatsLeft } }
  trainingStatistics { since withheld headcount trainedCount trainedShare sessionsHeld hoursOfTraining
    organisations { organisation { slug name kind } withheld headcount trainedCount trainedShare } }
}`;

/** Staff trained in the window: the share of them as the hub publishes it (withheld where it would describe anyone). */
export interface TrainedStaff {
  since: string;
  /** Null where the hub withholds them with the territory's total, which they would give away. */
  sessionsHeld: number | null;
  hoursOfTraining: number | null;
  /** `count`: how many were trained */
  figures: PublishedStaffFigures;
}

export interface TrainingsData {
  topics: TopicGroup[];
  agenda: AgendaEntry[];
  statistics: TrainedStaff;
}

export function trainedStaff(statistics: TrainingStatistics): TrainedStaff {
  const figure = (row: Pick<TrainingStatistics, 'withheld' | 'headcount' | 'trainedCount' | 'trainedShare'>) => ({
    withheld: row.withheld,
    headcount: row.headcount,
    count: row.trainedCount,
    share: row.trainedShare,
  });
  return {
    since: statistics.since,
    sessionsHeld: statistics.sessionsHeld,
    hoursOfTraining: statistics.hoursOfTraining,
    figures: publishedStaffFigures(
      figure(statistics),
      statistics.organisations.map((row) => ({ organisation: row.organisation, ...figure(row) })),
    ),
  };
}

/**
 * What /formations/ shows; any failure of the hub is a HubError. One the hub's data caused leaves the page's
 * content out (getTrainings); any other fails the build.
 */
export async function loadTrainings(options: LoadOptions): Promise<TrainingsData> {
  const { now = () => new Date() } = options;
  const data = await queryHub<{ trainings: Training[]; trainingStatistics: TrainingStatistics }>(options, TRAININGS_QUERY);
  // The clock is read after the download, as for the notices: a session that starts meanwhile counts as started.
  const trainings = withSessionsAfter(data.trainings, now());
  return { topics: groupByTopic(trainings), agenda: agenda(trainings), statistics: trainedStaff(data.trainingStatistics) };
}

export const TRAININGS_PAGE = '/formations/';

export const TRAININGS_LEFT_OUT = 'Les prochaines sessions, le catalogue et la part des agents formés';

const trainings = optionalSection({
  source: 'trainings',
  page: TRAININGS_PAGE,
  what: TRAININGS_LEFT_OUT,
  load: () => loadTrainings(buildHubClient()),
});

/** What /formations/ shows, or why the hub's data could not be shown (the page then says so; the build goes on). */
export function getTrainings(): Promise<Attempt<TrainingsData>> {
  return trainings.get();
}

/** The next read downloads again (a full build of a long-lived renderer reads everything afresh). */
export function forgetTrainings(): void {
  trainings.forget();
}
