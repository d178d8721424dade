import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedChart, chartCacheKey, pruneChartCache } from './chart-cache.js';
import { barChartSpec, renderChartSvg } from './indicators/chart-spec.js';

const dirs: string[] = [];
async function cacheEnv(): Promise<NodeJS.ProcessEnv> {
  const dir = await mkdtemp(path.join(tmpdir(), 'chart-cache-'));
  dirs.push(dir);
  return { SITE_CHART_CACHE_DIR: dir };
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function counting(svg: string) {
  let calls = 0;
  return {
    render: async () => {
      calls += 1;
      return svg;
    },
    calls: () => calls,
  };
}

describe('the chart cache between builds', () => {
  it('draws a chart once and serves the same SVG from the folder afterwards', async () => {
    const env = await cacheEnv();
    const drawing = counting('<svg>1</svg>');
    const key = chartCacheKey(['a', 'b']);
    expect(await cachedChart(key, drawing.render, env)).toBe('<svg>1</svg>');
    expect(await cachedChart(key, drawing.render, env)).toBe('<svg>1</svg>');
    expect(drawing.calls()).toBe(1);
    expect(await readdir(env.SITE_CHART_CACHE_DIR!)).toEqual([`${key}.svg`]);
  });

  it('keys on every part, so another specification or label is drawn anew', () => {
    expect(chartCacheKey(['a', 'b'])).not.toBe(chartCacheKey(['a', 'c']));
    expect(chartCacheKey(['ab', ''])).not.toBe(chartCacheKey(['a', 'b']));
  });

  it('caches nothing without a folder', async () => {
    const drawing = counting('<svg/>');
    await cachedChart('k', drawing.render, {});
    await cachedChart('k', drawing.render, {});
    expect(drawing.calls()).toBe(2);
  });

  it('draws anyway when the folder cannot be used', async () => {
    const env = await cacheEnv();
    const blocker = path.join(env.SITE_CHART_CACHE_DIR!, 'a-file');
    await writeFile(blocker, 'not a folder');
    const drawing = counting('<svg>2</svg>');
    expect(await cachedChart('k', drawing.render, { SITE_CHART_CACHE_DIR: blocker })).toBe('<svg>2</svg>');
    expect(await cachedChart('k', drawing.render, { SITE_CHART_CACHE_DIR: blocker })).toBe('<svg>2</svg>');
    expect(drawing.calls()).toBe(2);
  });

  it('pruning keeps the charts this build used and removes the rest', async () => {
    const env = await cacheEnv();
    const dir = env.SITE_CHART_CACHE_DIR!;
    const used = chartCacheKey(['used']);
    await cachedChart(used, async () => '<svg>used</svg>', env);
    await writeFile(path.join(dir, `${chartCacheKey(['old'])}.svg`), '<svg>old</svg>');
    await writeFile(path.join(dir, 'x.svg.123.abc.partial'), '<svg');
    expect(await pruneChartCache(env)).toBe(2);
    expect(await readdir(dir)).toEqual([`${used}.svg`]);
  });

  it('a cached indicator chart is the very SVG Vega draws', async () => {
    const env = await cacheEnv();
    const spec = barChartSpec({ rows: [{ label: 'Draguignan', n: 3 }], category: 'label', categoryTitle: 'Commune', value: 'n', valueTitle: 'Avis' });
    const drawn = await renderChartSvg(spec, 'titre');
    const previous = process.env.SITE_CHART_CACHE_DIR;
    process.env.SITE_CHART_CACHE_DIR = env.SITE_CHART_CACHE_DIR;
    try {
      expect(await renderChartSvg(spec, 'titre')).toBe(drawn);
      expect(await readdir(env.SITE_CHART_CACHE_DIR!)).toHaveLength(1);
      expect(await renderChartSvg(spec, 'titre')).toBe(drawn);
    } finally {
      if (previous === undefined) delete process.env.SITE_CHART_CACHE_DIR;
      else process.env.SITE_CHART_CACHE_DIR = previous;
    }
  });
});
