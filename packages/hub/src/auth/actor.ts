import type { StaffRole } from '../staff/staff-role.js';

/** The authenticated staff member behind a request, as the rules see it. */
export interface Actor {
  staffMemberId: string;
  organisationId: string;
  role: StaffRole;
  tokenHash: string;
}
