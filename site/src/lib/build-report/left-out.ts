import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HubError } from '../hub/client.js';

/**
 * A part of the site a build published without, because the hub could not give its data (site/README.md, "What a
 * build may leave out"). The page concerned says so in French; the build writes every such part to
 * `.build-report.json`, which the publisher's /status shows (packages/publisher/src/build/site-report.ts reads it).
 */
export interface LeftOutSection {
  /** The page concerned, e.g. `/indicateurs/`. */
  page: string;
  /** What is missing from it, in French, as the page says it. */
  what: string;
  /** Why, for the operator: the hub's answer. */
  error: string;
}

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Runs one load of optional data. A HubError the hub's data caused (`dataRefused`) becomes a failed attempt the
 * caller reports and renders; anything else (hub unreachable, HTTP error, a query the hub will not run, a bug)
 * still fails the build, since the next build would not fail the same way.
 */
export async function attempt<T>(load: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await load() };
  } catch (error) {
    if (error instanceof HubError && error.dataRefused) return { ok: false, error: error.message };
    throw error;
  }
}

// Kept on globalThis, so every copy of this module a bundle may hold shares it.
const REGISTRY = Symbol.for('territoire-achats.site.build-report');
type Registry = Map<string, LeftOutSection[]>;

function registry(): Registry {
  const holder = globalThis as { [REGISTRY]?: Registry };
  return (holder[REGISTRY] ??= new Map());
}

/**
 * Records what one loader (`source`: 'indicators', 'trainings'…) left out, replacing what it recorded before: a
 * loader that reads the hub again reports afresh.
 */
export function reportLeftOut(source: string, sections: readonly LeftOutSection[]): void {
  registry().set(source, [...sections]);
}

/**
 * Forgets what `source` left out: its loader will read the hub again (its `forget…` function calls this). Without a
 * source, forgets everything (a full build starts afresh).
 */
export function forgetLeftOut(source?: string): void {
  if (source === undefined) registry().clear();
  else registry().delete(source);
}

/** One optional part of the site, read once per build: `get` reads it (reporting it left out when the hub refused it). */
export interface OptionalSection<T> {
  get(): Promise<Attempt<T>>;
  /** The next `get` reads the hub again and reports afresh (a full build of a long-lived renderer). */
  forget(): void;
}

/**
 * An optional part of one page, read from the hub at most once until forgotten: the shared memoised `attempt` that
 * reports `what` left out of `page` (as `source`) when the hub's data is refused, and nothing when it is read.
 */
export function optionalSection<T>(section: { source: string; page: string; what: string; load: () => Promise<T> }): OptionalSection<T> {
  let read: Promise<Attempt<T>> | undefined;
  return {
    get() {
      read ??= attempt(section.load).then((result) => {
        reportLeftOut(section.source, result.ok ? [] : [{ page: section.page, what: section.what, error: result.error }]);
        return result;
      });
      return read;
    },
    forget() {
      read = undefined;
      forgetLeftOut(section.source);
    },
  };
}

/** Everything left out so far, in the order the loaders reported. */
export function leftOutSections(): LeftOutSection[] {
  return [...registry().values()].flat();
}

export const BUILD_REPORT_FILE = '.build-report.json';

/**
 * Writes `.build-report.json` at the root of a release (`dir`): what the loaders left out for the pages it holds,
 * `{ "leftOut": [] }` when nothing was, so a reader can tell a complete site from an older build without a report.
 * Replaces the file rather than writing into it: in an incremental release it is a hard link shared with the live
 * release. Dotfiles are neither compressed nor served; the publisher's /status shows it. Returns what it wrote.
 */
export async function writeBuildReport(dir: string): Promise<LeftOutSection[]> {
  const leftOut = leftOutSections();
  const file = path.join(dir, BUILD_REPORT_FILE);
  await rm(file, { force: true });
  await writeFile(file, `${JSON.stringify({ leftOut }, null, 2)}\n`);
  return leftOut;
}
