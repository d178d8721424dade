import { findOrganisation, OrganisationSiretService } from '../organisations/organisation-siret.service.js';
import { systemClock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import { withMigratedDatabase } from './migrated-database.js';

/**
 * `organisation siret --organisation SLUG|SIREN [--set SIRET | --clear]`: sets or removes the SIRET an organisation
 * buys as (checked as the API checks it, audited, announced by an `organisation.updated` event); without --set or
 * --clear, prints it.
 */
export async function organisationSiretCommand(
  config: HubConfig,
  values: { organisation?: string; set?: string; clear?: boolean },
): Promise<number> {
  if (!values.organisation) {
    console.error('Missing --organisation (its slug or SIREN)');
    return 2;
  }
  if (values.set !== undefined && values.clear) {
    console.error('Give --set SIRET or --clear, not both');
    return 2;
  }
  return withMigratedDatabase(config, async (orm) => {
    if (values.set === undefined && !values.clear) {
      const organisation = await findOrganisation(orm.em.fork(), values.organisation!);
      console.log(`${organisation.name} (${organisation.slug}): ${organisation.siret ?? 'no SIRET'}`);
      return 0;
    }
    const service = new OrganisationSiretService({ em: orm.em.fork(), actor: null, clock: systemClock });
    const organisation = await service.set(values.organisation!, values.clear ? null : values.set!, 'cli');
    console.log(`${organisation.name} (${organisation.slug}): ${organisation.siret ? `SIRET ${organisation.siret}` : 'SIRET removed'}`);
    return 0;
  });
}
