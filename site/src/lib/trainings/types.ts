import type { OrganisationRef } from '../staff-figures/shares.js';

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

export interface TrainingStatistics {
  since: string;
  headcount: number;
  trainedCount: number;
  trainedShare: number;
  sessionsHeld: number;
  hoursOfTraining: number;
  organisations: Array<{ organisation: OrganisationRef; headcount: number; trainedCount: number; trainedShare: number }>;
}
