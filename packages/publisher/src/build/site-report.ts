import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What a build left out of the site and why (site/README.md, "What a build may leave out"): a page or part of a page
 * replaced by a French notice because the hub refused that one piece of data. The site build writes it as
 * `.build-report.json` at the root of its output; dotfiles are never served, so only `/status` tells it.
 */
export interface LeftOutSection {
  /** The page concerned, e.g. `/indicateurs/`. */
  page: string;
  /** What is missing from it, in French, as the page says it. */
  what: string;
  /** The hub's answer, for the operator. */
  error: string;
}

export const SITE_REPORT_FILE = '.build-report.json';

/** The sections a finished build left out; none when it wrote no report (a complete site, or another build command). */
export async function readLeftOutSections(siteDir: string): Promise<LeftOutSection[]> {
  let text: string;
  try {
    text = await readFile(join(siteDir, SITE_REPORT_FILE), 'utf8');
  } catch {
    return [];
  }
  try {
    const report = JSON.parse(text) as { leftOut?: unknown };
    if (!Array.isArray(report.leftOut)) return [];
    return report.leftOut
      .filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null)
      .map((entry) => ({ page: String(entry.page ?? ''), what: String(entry.what ?? ''), error: String(entry.error ?? '') }));
  } catch {
    return [{ page: '', what: 'the build report could not be read', error: `${SITE_REPORT_FILE} is not JSON` }];
  }
}
