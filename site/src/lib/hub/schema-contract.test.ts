import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const SITE = resolve(HERE, '../../..');
const SCHEMA = resolve(SITE, '../schema.graphql');
const GENERATOR = join(SITE, 'scripts/generate-hub-types.mjs');
const TSC = createRequire(join(SITE, 'package.json')).resolve('typescript/bin/tsc');

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The site's types of the hub, each picking its fields from the generated types (and what they import). */
const SITE_TYPES = [
  'hub/types.ts',
  'trainings/types.ts',
  'charter/types.ts',
  'plan/types.ts',
  'advice/types.ts',
  'indicators/types.ts',
  'staff-figures/shares.ts',
  'hub/client.ts',
];

/** The site's types of the hub beside types generated from `sdl`, type-checked alone: tsc's exit code and output. */
function typeCheckSiteTypesAgainst(sdl: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'site-hub-contract-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'schema.graphql'), sdl);
  for (const folder of new Set(SITE_TYPES.map((file) => file.split('/')[0]!))) mkdirSync(join(dir, folder), { recursive: true });
  execFileSync(process.execPath, [GENERATOR, '--schema', join(dir, 'schema.graphql'), '--out', join(dir, 'hub/schema.generated.ts')]);
  for (const file of SITE_TYPES) copyFileSync(join(HERE, '..', file), join(dir, file));
  const result = spawnSync(
    process.execPath,
    [
      TSC,
      ...['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler'],
      ...SITE_TYPES.map((file) => join(dir, file)),
    ],
    { encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The schema without one field of one type (its description, if any, goes with it). */
function withoutField(sdl: string, type: string, field: string): string {
  const start = sdl.indexOf(`\ntype ${type} {`);
  const end = sdl.indexOf('\n}', start);
  const body = sdl.slice(start, end).replace(new RegExp(`\\n(  """[^\\n]*"""\\n)?  ${field}: [^\\n]*`), '');
  expect(body).not.toBe(sdl.slice(start, end));
  return sdl.slice(0, start) + body + sdl.slice(end);
}

describe('the site’s types of the hub', () => {
  it('are generated from the committed schema.graphql', () => {
    const result = spawnSync(process.execPath, [GENERATOR, '--check'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('type-check against the schema as it is', () => {
    const { status, output } = typeCheckSiteTypesAgainst(readFileSync(SCHEMA, 'utf8'));
    expect(output).toBe('');
    expect(status).toBe(0);
  });

  it.each([
    ['Notice', 'title'],
    ['TrainingSession', 'seatsLeft'],
    ['EthicsCharter', 'title'],
    ['SustainabilityIndicators', 'meetsTarget'],
    ['IndicatorBreakdown', 'awardedAmount'],
    ['AdviceStatistics', 'minimumPeople'],
    ['PlanAnnouncementFigures', 'announcedNotices'],
  ])('fail the type-check when a field the site reads (%s.%s) leaves the schema', (type, field) => {
    const { status, output } = typeCheckSiteTypesAgainst(withoutField(readFileSync(SCHEMA, 'utf8'), type, field));
    expect(status).not.toBe(0);
    expect(output).toContain(`"${field}"`);
  });
});
