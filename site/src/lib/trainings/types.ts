import type * as Hub from '../hub/schema.generated.js';
import type { Selected } from '../hub/types.js';

// The hub's public training types, as the site asks for them (see TRAININGS_QUERY): picked from the types generated
// from schema.graphql, so a field that leaves the schema fails the site's type-check.

export type ProviderKind = Hub.TrainingProviderKind;

export type TrainingSession = Pick<Hub.TrainingSession, 'id' | 'startsAt' | 'endsAt' | 'place' | 'isRemote' | 'capacity' | 'seatsLeft'>;

export type Training = Pick<
  Hub.Training,
  'slug' | 'title' | 'topic' | 'topicLabel' | 'description' | 'providerKind' | 'providerName' | 'durationHours'
> & {
  comingSessions: Selected<Hub.Training['comingSessions'], TrainingSession>;
};

/** Figures are null where the hub withholds them (`withheld` says why): they would describe one or two people. */
export type TrainingStatistics = Pick<
  Hub.TrainingStatistics,
  'since' | 'withheld' | 'headcount' | 'trainedCount' | 'trainedShare' | 'sessionsHeld' | 'hoursOfTraining'
> & {
  organisations: Selected<
    Hub.TrainingStatistics['organisations'],
    Pick<Hub.OrganisationTrainingFigures, 'withheld' | 'headcount' | 'trainedCount' | 'trainedShare'> & {
      organisation: Selected<Hub.OrganisationTrainingFigures['organisation'], Pick<Hub.Organisation, 'slug' | 'name' | 'kind'>>;
    }
  >;
};
