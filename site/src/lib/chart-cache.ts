import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Rendered charts kept between builds. Vega's rendering is a pure function of the specification (and of Vega's
 * version), and takes about 10 ms a chart; the indicators pages have a few hundred charts, most of them unchanged
 * from one publication to the next. The folder is named by `SITE_CHART_CACHE_DIR` (site/scripts/build.mjs sets it);
 * without it nothing is cached. After a successful build, the build script removes every entry that build did not
 * use (`pruneChartCache`), so the folder holds one build's charts at most.
 *
 * Any trouble with the folder (unreadable, full, removed by a concurrent build's pruning) only means rendering
 * again: the cache can never make a build fail or show another chart.
 */
const USED = Symbol.for('territoire-achats.site.chart-cache.used');
/** Where site/scripts/build.mjs (plain JavaScript, outside Astro's bundle) finds `pruneChartCache`. */
const PRUNE = Symbol.for('territoire-achats.site.chart-cache.prune');

type GlobalWithUsed = typeof globalThis & { [USED]?: Set<string>; [PRUNE]?: () => Promise<number> };

export const CHART_CACHE_VARIABLE = 'SITE_CHART_CACHE_DIR';

/** Names the entry: everything the SVG depends on, hashed. */
export function chartCacheKey(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

function cacheDir(env: NodeJS.ProcessEnv): string | null {
  const dir = env[CHART_CACHE_VARIABLE]?.trim();
  return dir ? path.resolve(dir) : null;
}

function usedKeys(): Set<string> {
  const holder = globalThis as GlobalWithUsed;
  holder[USED] ??= new Set();
  return holder[USED];
}

/** The cached SVG for `key`, or what `render` makes (then kept for the next build). */
export async function cachedChart(key: string, render: () => Promise<string>, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const dir = cacheDir(env);
  if (!dir) return render();
  usedKeys().add(key);
  (globalThis as GlobalWithUsed)[PRUNE] ??= () => pruneChartCache(env);
  const file = path.join(dir, `${key}.svg`);
  try {
    return await readFile(file, 'utf8');
  } catch {
    // not cached yet, or unreadable: render it
  }
  const svg = await render();
  try {
    await mkdir(dir, { recursive: true });
    // Written aside and renamed, so a concurrent build never reads half a chart.
    const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.partial`;
    await writeFile(partial, svg);
    await rename(partial, file);
  } catch {
    // a cache that cannot be written costs time, not correctness
  }
  return svg;
}

/** Removes the entries this process's build did not use; returns how many. Called once the build succeeded. */
export async function pruneChartCache(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const dir = cacheDir(env);
  if (!dir) return 0;
  const used = usedKeys();
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    if (name.endsWith('.svg') && used.has(name.slice(0, -'.svg'.length))) continue;
    await rm(path.join(dir, name), { force: true });
    removed += 1;
  }
  return removed;
}
