/**
 * Parses `slug=percent` pairs separated by commas, e.g. "batiments=60,energie=40", into shares from 0 to 1.
 * Returns the problem as a message rather than throwing, so the configuration can name the variable.
 */
export function parseSlugPercentages(text: string): { shares: Map<string, number> } | { error: string } {
  const shares = new Map<string, number>();
  for (const part of text.split(',').map((item) => item.trim()).filter((item) => item.length > 0)) {
    const match = /^([a-z0-9-]+)\s*=\s*(\d{1,3}(?:\.\d+)?)$/.exec(part);
    const percent = match ? Number(match[2]) : Number.NaN;
    if (!match || percent > 100) return { error: `"${part}" is not slug=percent (0 to 100)` };
    shares.set(match[1]!, percent / 100);
  }
  return { shares };
}
