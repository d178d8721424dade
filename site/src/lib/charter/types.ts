import type * as Hub from '../hub/schema.generated.js';
import type { Selected } from '../hub/types.js';

// The hub's public charter types, as the site asks for them (see CHARTER_QUERY): picked from the types generated
// from schema.graphql, so a field that leaves the schema fails the site's type-check.

/** `text` is Markdown. */
export type EthicsCharter = Pick<Hub.EthicsCharter, 'version' | 'title' | 'text' | 'publishedAt'>;

/** Figures are null where the hub withholds them (`withheld` says why): they would describe one or two people. */
export type CharterAdoption = Pick<Hub.CharterAdoption, 'version' | 'withheld' | 'headcount' | 'signedCount' | 'signedShare'> & {
  organisations: Selected<
    Hub.CharterAdoption['organisations'],
    Pick<Hub.OrganisationCharterAdoption, 'withheld' | 'headcount' | 'signedCount' | 'signedShare'> & {
      organisation: Selected<Hub.OrganisationCharterAdoption['organisation'], Pick<Hub.Organisation, 'slug' | 'name' | 'kind'>>;
    }
  >;
};
