import type { EntityManager } from '@mikro-orm/sqlite';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.js';
import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { AppError, InputProblems } from '../shared/errors.js';
import { textInputProblem } from '../shared/text-input.js';
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
  const problems = new InputProblems();
  const email = z.string().trim().toLowerCase().email().max(254).safeParse(account.email);
  if (!account.email?.trim()) problems.add('email', 'Le champ email est obligatoire.', 'MISSING');
  else if (!email.success) problems.add('email', 'Le champ email doit être une adresse électronique.');
  const name = account.name.trim();
  if (!name) problems.add('name', 'Le champ name est obligatoire.', 'MISSING');
  else if (name.length > 200) problems.add('name', 'Le champ name doit compter de 1 à 200 caractères.');
  else {
    // The command line does not go through the API's text rule (server/text-arguments.ts): the same rule here.
    const problem = textInputProblem(name);
    if (problem) problems.add('name', `Le champ name ${problem}.`, 'FORBIDDEN_CHARACTER');
  }
  if (!isStaffRole(account.role)) problems.add('role', 'Le champ role vaut ADMIN, BUYER, VIEWER ou TRAINER.');
  const password = account.password ?? generatePassword();
  if (password.length < MIN_PASSWORD_LENGTH) problems.add('password', `Le champ password doit compter au moins ${MIN_PASSWORD_LENGTH} caractères.`);

  const organisation = await em.findOne(Organisation, { siren: account.organisationSiren.trim() });
  if (!organisation) problems.add('organisation', `Aucune organisation n’a le SIREN ${account.organisationSiren}.`);
  else if (account.role === 'ADMIN' && organisation.kind !== 'AGGLOMERATION') {
    problems.add('role', 'Le rôle ADMIN est celui de la direction de la commande publique de l’agglomération : ses agents seulement.');
  }
  problems.throwIfAny();
  if (!email.success || !organisation || !isStaffRole(account.role)) throw new Error('unreachable: refused above');
  if (await em.count(StaffMember, { email: email.data })) throw new AppError('CONFLICT', `Un compte utilise déjà l’adresse ${email.data}.`);

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
