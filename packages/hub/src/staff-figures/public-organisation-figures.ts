import { OrganisationType } from '../organisations/organisation.type.js';
import type { Context } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import { organisationLoaders } from '../organisations/organisation.loaders.js';

export interface PublicOrganisationRow<T> {
  row: T;
  organisation: OrganisationType;
}

/**
 * Per-organisation staff figures in the public order (kind, then name, then slug so the order never depends on the
 * database). What may be published of them is decided on all rows together, with the territory's total
 * (`discloseStaffFigures`), by the feature's public type.
 */
export async function publicOrganisationRows<T extends { organisationId: string }>(ctx: Context, rows: readonly T[]): Promise<Array<PublicOrganisationRow<T>>> {
  const loaded = await Promise.all(
    rows.map(async (row) => {
      const organisation = await organisationLoaders(ctx).organisation.load(row.organisationId);
      if (!organisation) throw notFound('L’organisation');
      return { row, organisation: OrganisationType.from(organisation) };
    }),
  );
  return loaded.sort(
    (a, b) =>
      a.organisation.kind.localeCompare(b.organisation.kind) ||
      a.organisation.name.localeCompare(b.organisation.name, 'fr') ||
      a.organisation.slug.localeCompare(b.organisation.slug),
  );
}
