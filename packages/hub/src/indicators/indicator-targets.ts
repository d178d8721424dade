/** The target of a family (0 to 1), or the default one. */
export function targetFor(familySlug: string | null, defaultTarget: number, familyTargets: ReadonlyMap<string, number>): number {
  return (familySlug !== null ? familyTargets.get(familySlug) : undefined) ?? defaultTarget;
}
