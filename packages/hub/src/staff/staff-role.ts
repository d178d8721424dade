/**
 * ADMIN: the agglomeration's procurement direction, acts for any organisation.
 * BUYER: acts for one organisation. VIEWER: reads its organisation's records, changes nothing.
 * TRAINER: reads like a viewer, and records attendance in the training sessions they run. See ROLES.md.
 */
export const STAFF_ROLES = ['ADMIN', 'BUYER', 'VIEWER', 'TRAINER'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}
