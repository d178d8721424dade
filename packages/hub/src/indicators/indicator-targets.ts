/**
 * Parses per-family targets written `slug=percent` separated by commas, e.g. "batiments=60,energie=40".
 * Returns the problem as a message rather than throwing, so the configuration can name the variable.
 */
export function parseFamilyTargets(text: string): { targets: Map<string, number> } | { error: string } {
  const targets = new Map<string, number>();
  for (const part of text.split(',').map((item) => item.trim()).filter((item) => item.length > 0)) {
    const match = /^([a-z0-9-]+)\s*=\s*(\d{1,3}(?:\.\d+)?)$/.exec(part);
    const percent = match ? Number(match[2]) : Number.NaN;
    if (!match || percent > 100) return { error: `"${part}" is not slug=percent (0 to 100)` };
    targets.set(match[1]!, percent / 100);
  }
  return { targets };
}

/** The target of a family (0 to 1), or the default one. */
export function targetFor(familySlug: string | null, defaultTarget: number, familyTargets: ReadonlyMap<string, number>): number {
  return (familySlug !== null ? familyTargets.get(familySlug) : undefined) ?? defaultTarget;
}
