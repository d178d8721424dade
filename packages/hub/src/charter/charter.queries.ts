import { sql } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';
import { Organisation } from '../organisations/organisation.entity.js';
import { activeHeadcountByOrganisation } from '../staff/staff-headcount.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { CharterSignature } from './charter-signature.entity.js';
import type { EthicsCharter } from './ethics-charter.entity.js';

export interface OrganisationAdoption {
  organisationId: string;
  headcount: number;
  signedCount: number;
}

/** Per organisation with staff: active staff, and how many of them signed this version. Counts only. */
export async function adoptionByOrganisation(em: EntityManager, charter: EthicsCharter): Promise<OrganisationAdoption[]> {
  const headcounts = await activeHeadcountByOrganisation(em);
  const rows: Array<{ organisation_id: string; signed: number | string }> = await em
    .createQueryBuilder(CharterSignature, 's')
    .select(['m.organisation', sql`count(*)`.as('signed')])
    .join('s.staffMember', 'm')
    .where({ charter: charter.id, 'm.active': true })
    .groupBy('m.organisation')
    .execute('all', false);
  const signed = new Map(rows.map((row) => [row.organisation_id, Number(row.signed)]));
  return [...headcounts].map(([organisationId, headcount]) => ({ organisationId, headcount, signedCount: signed.get(organisationId) ?? 0 }));
}

/** Staff only: active staff who have not signed this version, grouped by organisation (agglomeration first). */
export async function unsignedByOrganisation(
  em: EntityManager,
  charter: EthicsCharter,
  organisationSiren?: string | null,
): Promise<Array<{ organisation: Organisation; headcount: number; unsigned: StaffMember[] }>> {
  const organisationFilter = organisationSiren ? { organisation: { siren: organisationSiren.trim() } } : {};
  const staff = await em.find(StaffMember, { active: true, ...organisationFilter }, { populate: ['organisation'], orderBy: { name: 'asc' } });
  const signatures = await em.find(CharterSignature, { charter, staffMember: { $in: staff.map((member) => member.id) } }, { fields: ['staffMember'] });
  const signedIds = new Set(signatures.map((signature) => signature.staffMember.id));
  const groups = new Map<string, { organisation: Organisation; headcount: number; unsigned: StaffMember[] }>();
  for (const member of staff) {
    const organisation = member.organisation.getEntity();
    const group = groups.get(organisation.id) ?? { organisation, headcount: 0, unsigned: [] };
    group.headcount++;
    if (!signedIds.has(member.id)) group.unsigned.push(member);
    groups.set(organisation.id, group);
  }
  return [...groups.values()].sort(
    (a, b) => a.organisation.kind.localeCompare(b.organisation.kind) || a.organisation.name.localeCompare(b.organisation.name, 'fr'),
  );
}
