import { attempt, forgetLeftOut, reportLeftOut, type Attempt, type LeftOutSection } from '../build-report/left-out.js';
import { buildHubClient } from '../hub/build-client.js';
import type * as Hub from '../hub/schema.generated.js';
import { forgetAdviceStatistics } from '../advice/load.js';
import { queryHub, type HubClientOptions } from '../hub/client.js';
import { organisationIndicatorsPath } from '../notices/paths.js';
import type { IndicatorChart } from './chart.js';
import { indicatorCharts, organisationsChart, yearlyChart } from './page-charts.js';
import { FIRST_QUERY, ORGANISATIONS_QUERY, scopesQuery, YEARS_QUERY, type Scope } from './queries.js';
import type { Indicators } from './types.js';

export interface OrganisationIndicators {
  siren: string;
  slug: string;
  name: string;
  /** null when the hub could not compute them (left out, see `leftOut`) */
  figures: Indicators | null;
}

export interface IndicatorsData {
  /** Every year together; null when the hub could not compute them. */
  all: Indicators | null;
  /** One entry per year the hub could compute, most recent first. */
  years: Array<Indicators & { year: number }>;
  organisations: OrganisationIndicators[];
  /** What the hub could not give, with the page each belongs to (src/lib/build-report/left-out.ts). */
  leftOut: LeftOutSection[];
}

/**
 * The hub refuses a document with more than 30 aliases (`MAX_ALIASES` in packages/hub/src/server/limits.ts); 30
 * scopes of the full figures stay far below its complexity limit too (about 100 each, of 40,000).
 */
export const SCOPES_PER_REQUEST = 30;

export const INDICATORS_PAGE = '/indicateurs/';

type Organisation = Pick<Hub.Organisation, 'siren' | 'slug' | 'name'>;

/**
 * The figures of each scope, 30 to a request. When the hub cannot compute one scope (a record it refuses, an
 * overflowing total), the whole request fails: its scopes are then asked one by one, so only the failing ones are
 * left out.
 */
async function figuresOf(client: HubClientOptions, scopes: Scope[]): Promise<Array<Attempt<Indicators>>> {
  const ask = async (batch: Scope[]) => {
    const { query, variables } = scopesQuery(batch);
    const answer = await queryHub<Record<string, Indicators>>(client, query, variables);
    return batch.map((_, index) => answer[`s${index}`]!);
  };
  const results: Array<Attempt<Indicators>> = [];
  for (let start = 0; start < scopes.length; start += SCOPES_PER_REQUEST) {
    const batch = scopes.slice(start, start + SCOPES_PER_REQUEST);
    const together = await attempt(() => ask(batch));
    if (together.ok) results.push(...together.value.map((value) => ({ ok: true as const, value })));
    else if (batch.length === 1) results.push(together);
    else for (const scope of batch) results.push(await attempt(async () => (await ask([scope]))[0]!));
  }
  return results;
}

/**
 * The years, the buyers and every year's figures: one request, or, when the hub cannot compute part of it, the
 * buyers alone (which must come: they make the indicator pages) and the rest as optional scopes.
 */
async function firstRead(client: HubClientOptions): Promise<{
  organisations: Organisation[];
  years: Attempt<number[]>;
  all: Attempt<Indicators> | undefined;
}> {
  const first = await attempt(() =>
    queryHub<{ indicatorYears: number[]; organisations: Organisation[]; indicators: Indicators }>(client, FIRST_QUERY),
  );
  if (first.ok) {
    const { indicatorYears, organisations, indicators } = first.value;
    return { organisations, years: { ok: true, value: indicatorYears }, all: { ok: true, value: indicators } };
  }
  const { organisations } = await queryHub<{ organisations: Organisation[] }>(client, ORGANISATIONS_QUERY);
  const years = await attempt(async () =>
    (await queryHub<{ indicatorYears: number[] }>(client, YEARS_QUERY)).indicatorYears,
  );
  return { organisations, years, all: undefined };
}

/**
 * The indicators the pages show, computed by the hub: every year, each year, each organisation. A first request
 * gives the years, the buyers and every year's figures; then each year and buyer is a scope, asked 30 to a
 * request (usually one). What the hub cannot compute is left out with its reason (`leftOut`): one bad record must
 * not keep the whole site from being published. An unreachable hub still fails the build, like the notices.
 */
export async function loadIndicators(client: HubClientOptions): Promise<IndicatorsData> {
  const first = await firstRead(client);
  // The hub's figures are per SIREN: a buyer imported without one has no figures of its own (asking with a null
  // SIREN would give the whole territory's), so it has no indicators page.
  const organisations = first.organisations.filter(
    (organisation): organisation is { siren: string; slug: string; name: string } => organisation.siren !== null,
  );
  const yearList = first.years.ok ? first.years.value : [];
  const scopes: Scope[] = [
    ...(first.all ? [] : [{ all: true } as const]),
    ...yearList.map((year) => ({ year })),
    ...organisations.map((organisation) => ({ siren: organisation.siren })),
  ];
  const figures = await figuresOf(client, scopes);
  const all = first.all ?? figures.shift()!;
  const yearFigures = figures.slice(0, yearList.length);
  const organisationFigures = figures.slice(yearList.length);

  const leftOut: LeftOutSection[] = [];
  if (!first.years.ok) leftOut.push({ page: INDICATORS_PAGE, what: 'Les chiffres par année', error: first.years.error });
  if (!all.ok) leftOut.push({ page: INDICATORS_PAGE, what: 'Les chiffres de toutes les années confondues', error: all.error });
  yearList.forEach((year, index) => {
    const result = yearFigures[index]!;
    if (!result.ok) leftOut.push({ page: INDICATORS_PAGE, what: `Les chiffres de l’année ${year}`, error: result.error });
  });
  organisations.forEach((organisation, index) => {
    const result = organisationFigures[index]!;
    if (!result.ok) {
      leftOut.push({ page: organisationIndicatorsPath(organisation) ?? INDICATORS_PAGE, what: `Les indicateurs de ${organisation.name}`, error: result.error });
    }
  });

  return {
    all: all.ok ? all.value : null,
    years: yearList.flatMap((year, index) => {
      const result = yearFigures[index]!;
      return result.ok ? [{ ...result.value, year }] : [];
    }),
    organisations: organisations.map((organisation, index) => {
      const result = organisationFigures[index]!;
      return { ...organisation, figures: result.ok ? result.value : null };
    }),
    leftOut,
  };
}

/** Every chart of /indicateurs/, in page order; ids are unique (they name the CSV files). */
export function pageCharts(data: IndicatorsData): IndicatorChart[] {
  const organisations = data.organisations.flatMap(({ name, figures }) => (figures ? [{ name, figures }] : []));
  return [
    yearlyChart(data.years),
    ...(data.all ? indicatorCharts(data.all, 'toutes années') : []),
    organisationsChart(organisations),
  ];
}

// One download per build, shared by the page and its CSV files.
let indicators: Promise<IndicatorsData> | undefined;

export function getIndicators(): Promise<IndicatorsData> {
  indicators ??= loadIndicators(buildHubClient()).then((data) => {
    reportLeftOut('indicators', data.leftOut);
    return data;
  });
  return indicators;
}

/**
 * Downloads the indicators again and puts them in place once read, the advice figures shown with them to be read
 * again too (the publisher's slow path, beside the releases): a release meanwhile, whose enumeration of the routes
 * includes the buyers' indicator pages, uses the indicators held rather than waiting for a hub the slow path keeps
 * busy. A failed read leaves the indicators held as they were, and rejects.
 */
export async function refreshIndicators(): Promise<void> {
  const fresh = await loadIndicators(buildHubClient());
  indicators = Promise.resolve(fresh);
  forgetLeftOut('indicators');
  reportLeftOut('indicators', fresh.leftOut);
  forgetAdviceStatistics();
}

/** The next read downloads again (a full build of a long-lived renderer reads everything afresh). */
export function forgetIndicators(): void {
  indicators = undefined;
  forgetLeftOut('indicators');
  // The advice figures are shown on the indicators page: read afresh with it.
  forgetAdviceStatistics();
}
