import type { EntityManager } from '@mikro-orm/sqlite';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.js';
import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { AppError, badInput } from '../shared/errors.js';
import { StaffMember } from './staff-member.entity.js';
import { isStaffRole } from '../shared/actor.js';

export interface NewAccount {
  email: string;
  name: string;
  organisationSiren: string;
  role: string;
  /** Omitted: a password is generated and returned once. */
  password?: string;
}

/** Creates a staff account (from the command line or the demo seed); the password is returned, never stored. */
export async function createStaffAccount(em: EntityManager, account: NewAccount): Promise<{ member: StaffMember; password: string }> {
  const email = z.string().trim().toLowerCase().email().max(254).safeParse(account.email);
  if (!email.success) throw badInput('email', 'email must be an email address');
  const name = account.name.trim();
  if (!name || name.length > 200) throw badInput('name', 'name must be 1 to 200 characters');
  if (!isStaffRole(account.role)) throw badInput('role', 'role must be ADMIN, BUYER, VIEWER or TRAINER');
  const password = account.password ?? generatePassword();
  if (password.length < MIN_PASSWORD_LENGTH) throw badInput('password', `password must have at least ${MIN_PASSWORD_LENGTH} characters`);

  const organisation = await em.findOne(Organisation, { siren: account.organisationSiren.trim() });
  if (!organisation) throw badInput('organisation', `No organisation has SIREN ${account.organisationSiren}`);
  if (account.role === 'ADMIN' && organisation.kind !== 'AGGLOMERATION') {
    throw badInput('role', 'ADMIN is the agglomeration’s procurement direction: its staff only');
  }
  if (await em.count(StaffMember, { email: email.data })) throw new AppError('CONFLICT', `An account already uses ${email.data}`);

  const member = em.create(StaffMember, {
    email: email.data,
    name,
    organisation,
    role: account.role,
    passwordHash: await hashPassword(password),
  });
  em.persist(member);
  recordAudit(em, null, 'createStaffAccount', { entityType: 'StaffMember', entityId: member.id }, { role: account.role });
  await em.flush();
  return { member, password };
}
