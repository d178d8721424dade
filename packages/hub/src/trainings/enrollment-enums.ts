/**
 * REGISTERED holds a seat, WAITLISTED waits for one in request order; ATTENDED and ABSENT are recorded after the
 * start and keep the seat; CANCELLED frees it.
 */
export const ENROLLMENT_STATUSES = ['REGISTERED', 'WAITLISTED', 'CANCELLED', 'ATTENDED', 'ABSENT'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** Statuses that hold one of the session's seats. */
export const SEAT_HOLDING: readonly EnrollmentStatus[] = ['REGISTERED', 'ATTENDED', 'ABSENT'];

/** The employer's agreement to a training request (territorial practice), given by an admin. */
export const ENROLLMENT_APPROVALS = ['PENDING', 'APPROVED', 'REFUSED'] as const;
export type EnrollmentApproval = (typeof ENROLLMENT_APPROVALS)[number];
