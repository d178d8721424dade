import type { OrganisationRef } from '../staff-figures/shares.js';

// The hub's public charter types, as the site asks for them (see CHARTER_QUERY).

export interface EthicsCharter {
  version: number;
  title: string;
  /** Markdown */
  text: string;
  publishedAt: string;
}

export interface CharterAdoption {
  version: number;
  headcount: number;
  signedCount: number;
  signedShare: number;
  organisations: Array<{ organisation: OrganisationRef; headcount: number; signedCount: number; signedShare: number }>;
}
