import { OrganisationType } from '../organisations/organisation.type.js';
import type { Context } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import { withheldReasons, type WithheldReason } from './staff-figures-disclosure.js';
import { organisationLoaders } from '../organisations/organisation.loaders.js';

export interface PublicOrganisationRow<T> {
  row: T;
  organisation: OrganisationType;
  /** null: the row's figures may be published. */
  withheld: WithheldReason | null;
}

/**
 * Per-organisation staff figures in the public order (kind, then name, then slug so the order never depends on the
 * database), each with why its figures must be withheld, decided on all rows together.
 */
export async function publicOrganisationRows<T extends { organisationId: string; headcount: number }>(
  ctx: Context,
  rows: readonly T[],
): Promise<Array<PublicOrganisationRow<T>>> {
  const loaded = await Promise.all(
    rows.map(async (row) => {
      const organisation = await organisationLoaders(ctx).organisation.load(row.organisationId);
      if (!organisation) throw notFound('L’organisation');
      return { row, organisation: OrganisationType.from(organisation) };
    }),
  );
  loaded.sort(
    (a, b) =>
      a.organisation.kind.localeCompare(b.organisation.kind) ||
      a.organisation.name.localeCompare(b.organisation.name, 'fr') ||
      a.organisation.slug.localeCompare(b.organisation.slug),
  );
  const reasons = withheldReasons(loaded.map(({ row, organisation }) => ({ headcount: row.headcount, name: organisation.name })));
  return loaded.map((entry, index) => ({ ...entry, withheld: reasons[index] ?? null }));
}
