import type { HubWithheldReason, OrganisationRef } from '../staff-figures/shares.js';

// The hub's public training types, as the site asks for them (see TRAININGS_QUERY).

export type ProviderKind = 'INTERNAL' | 'EXTERNAL';

export interface TrainingSession {
  id: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  isRemote: boolean;
  capacity: number;
  seatsLeft: number;
}

export interface Training {
  slug: string;
  title: string;
  topic: string;
  topicLabel: string;
  description: string;
  providerKind: ProviderKind;
  providerName: string;
  durationHours: number;
  comingSessions: TrainingSession[];
}

/** Figures are null where the hub withholds them (`withheld` says why): they would describe one or two people. */
export interface TrainingStatistics {
  since: string;
  withheld: HubWithheldReason | null;
  headcount: number | null;
  trainedCount: number | null;
  trainedShare: number | null;
  sessionsHeld: number;
  hoursOfTraining: number;
  organisations: Array<{
    organisation: OrganisationRef;
    withheld: HubWithheldReason | null;
    headcount: number | null;
    trainedCount: number | null;
    trainedShare: number | null;
  }>;
}
