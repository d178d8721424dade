/** What the carrier rule needs to know of a group. */
export interface GroupShape {
  coordinatorId: string;
  memberIds: readonly string[];
}

/**
 * Only the coordinator publishes for a group: a notice carried by a group must be the coordinator's own. Returns
 * why a notice of `organisationId` may not be carried by `group`, or null when it may.
 */
export function groupCarrierProblem(organisationId: string, group: GroupShape): string | null {
  if (organisationId === group.coordinatorId) return null;
  if (group.memberIds.includes(organisationId)) {
    return 'Seul le coordonnateur d’un groupement de commandes publie ses consultations au nom des membres.';
  }
  return 'L’organisation de cette consultation ne fait pas partie du groupement de commandes.';
}

/** Members of a group as stored: the coordinator always among them, each once, in the given order. */
export function groupMemberIds(coordinatorId: string, memberIds: readonly string[]): string[] {
  return [...new Set([coordinatorId, ...memberIds])];
}

/** Agreement dates are YYYY-MM-DD strings, so they compare as text. */
export function agreementDatesProblem(start: string, end: string | null): string | null {
  return end !== null && end < start ? 'La convention ne peut finir avant de commencer.' : null;
}
