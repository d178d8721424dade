import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sqlite';
import { hashPassword } from '../../auth/password.js';
import { Organisation } from '../../organisations/organisation.entity.js';
import { StaffMember } from '../../staff/staff-member.entity.js';

/**
 * Every notice names the staff member who wrote it; an imported notice was written elsewhere. Rather than a
 * nullable `createdBy` (SQLite cannot relax the column once lots reference notices, inside a migration's
 * transaction), imported notices point to this account: inactive, so it can never sign in (login and tokens both
 * refuse inactive members), with a password nobody knows, and a function name instead of a person's. `importedAt`
 * and `sourceSystem` say the rest.
 */
export const IMPORT_ACCOUNT_EMAIL = 'import-donnees-ouvertes@hub.invalid';
export const IMPORT_ACCOUNT_NAME = 'Import de données ouvertes';

export async function importAccountId(em: EntityManager, fallbackOrganisationId: string): Promise<string> {
  const existing = await em.findOne(StaffMember, { email: IMPORT_ACCOUNT_EMAIL }, { fields: ['id'] });
  if (existing) return existing.id;
  const owner = (await em.findOne(Organisation, { kind: 'AGGLOMERATION' }, { fields: ['id'] }))?.id ?? fallbackOrganisationId;
  const account = em.create(StaffMember, {
    email: IMPORT_ACCOUNT_EMAIL,
    name: IMPORT_ACCOUNT_NAME,
    organisation: em.getReference(Organisation, owner),
    role: 'VIEWER',
    passwordHash: await hashPassword(randomBytes(32).toString('base64url')),
    active: false,
  });
  em.persist(account);
  return account.id;
}
