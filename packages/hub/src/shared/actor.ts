/**
 * Who is asking, as every feature's rules see it. Roles live here, beside the request's context, because every
 * feature authorises by them; what each role may do is written in ROLES.md and in each feature's rules.
 *
 * ADMIN: the agglomeration's procurement direction, acts for any organisation.
 * BUYER: acts for one organisation. VIEWER: reads its organisation's records, changes nothing.
 * TRAINER: reads like a viewer, and records attendance in the training sessions they run.
 */
export const STAFF_ROLES = ['ADMIN', 'BUYER', 'VIEWER', 'TRAINER'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

/** The authenticated staff member behind a request, as the rules see it. */
export interface Actor {
  staffMemberId: string;
  organisationId: string;
  role: StaffRole;
  tokenHash: string;
}
