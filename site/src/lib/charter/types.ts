import type { HubWithheldReason, OrganisationRef } from '../staff-figures/shares.js';

// The hub's public charter types, as the site asks for them (see CHARTER_QUERY).

export interface EthicsCharter {
  version: number;
  title: string;
  /** Markdown */
  text: string;
  publishedAt: string;
}

/** Figures are null where the hub withholds them (`withheld` says why): they would describe one or two people. */
export interface CharterAdoption {
  version: number;
  withheld: HubWithheldReason | null;
  headcount: number | null;
  signedCount: number | null;
  signedShare: number | null;
  organisations: Array<{
    organisation: OrganisationRef;
    withheld: HubWithheldReason | null;
    headcount: number | null;
    signedCount: number | null;
    signedShare: number | null;
  }>;
}
