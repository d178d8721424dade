/**
 * ADMIN: the agglomeration's procurement direction, acts for any organisation.
 * BUYER: acts for one organisation. VIEWER: reads its organisation's records, changes nothing.
 */
export const STAFF_ROLES = ['ADMIN', 'BUYER', 'VIEWER'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}
