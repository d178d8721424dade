import type { EntityManager } from '@mikro-orm/sqlite';
import { DEMO_PASSWORD, DEMO_STAFF } from '../seed/demo.seed.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { verifyPassword } from './password.js';

/**
 * The active accounts anyone can sign in to with the demo's published password: the demo seed's accounts, and any
 * account on a `.example` address (the reserved domain every demo address uses), whose password is still the demo's.
 * A production hub must not serve with one of them (`hub serve` refuses to start, naming them).
 */
export async function usableDemoAccounts(em: EntityManager): Promise<string[]> {
  const demoEmails = DEMO_STAFF.map((staff) => staff.email);
  const candidates = await em.find(
    StaffMember,
    { active: true, $or: [{ email: { $in: demoEmails } }, { email: { $like: '%.example' } }] },
    { populate: ['passwordHash'], orderBy: { email: 'asc' } },
  );
  const usable = await Promise.all(candidates.map(async (member) => ((await verifyPassword(member.passwordHash, DEMO_PASSWORD)) ? member.email : null)));
  return usable.filter((email): email is string => email !== null);
}

/** Closes an account: it can no longer sign in, and its tokens stop working (authenticate() reads `active`). */
export async function deactivateAccount(em: EntityManager, email: string): Promise<boolean> {
  const changed = await em.nativeUpdate(StaffMember, { email: email.trim().toLowerCase(), active: true }, { active: false });
  return changed > 0;
}
