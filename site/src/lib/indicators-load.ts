import { queryHub, type HubClientOptions } from './hub/client.js';
import { DEFAULT_HUB_URL } from './hub/load.js';
import { indicatorCharts, INDICATORS_FIELDS, organisationsChart, yearlyChart, type IndicatorChart, type Indicators } from './indicators.js';

export interface OrganisationIndicators {
  siren: string;
  slug: string;
  name: string;
  figures: Indicators;
}

export interface IndicatorsData {
  /** Every year together. */
  all: Indicators;
  /** One entry per year with figures, most recent first. */
  years: Array<Indicators & { year: number }>;
  organisations: OrganisationIndicators[];
}

/**
 * The hub refuses a document with more than 30 aliases (`MAX_ALIASES` in packages/hub/src/server/limits.ts); 30
 * scopes of the full figures stay far below its complexity limit too (about 100 each, of 40,000).
 */
export const SCOPES_PER_REQUEST = 30;

const FIGURES = `fragment SiteFigures on Indicators { ${INDICATORS_FIELDS} }`;
const FIRST_QUERY = `query SiteIndicators { indicatorYears organisations { siren slug name } indicators { ...SiteFigures } } ${FIGURES}`;

type Scope = { year: number } | { siren: string };

/**
 * One document asking for each scope under its own alias (s0, s1…), which is also its variable's name. The hub
 * reads its records once per request, so a batch costs about what one scope does.
 */
function scopesQuery(scopes: Scope[]): { query: string; variables: Record<string, number | string> } {
  const names = scopes.map((_, index) => `s${index}`);
  const parameters = scopes.map((scope, index) => `$${names[index]}: ${'year' in scope ? 'Int!' : 'String!'}`);
  const fields = scopes.map((scope, index) => {
    const argument = 'year' in scope ? 'year' : 'organisationSiren';
    return `${names[index]}: indicators(${argument}: $${names[index]}) { ...SiteFigures }`;
  });
  const variables = Object.fromEntries(scopes.map((scope, index) => [names[index], 'year' in scope ? scope.year : scope.siren]));
  return { query: `query SiteIndicatorScopes(${parameters.join(', ')}) { ${fields.join(' ')} } ${FIGURES}`, variables };
}

/**
 * The indicators the page shows, computed by the hub: every year, each year, each organisation. A first request
 * gives the years, the buyers and every year's figures; then each year and buyer is a scope, asked 30 to a
 * request (usually one). A failing request fails the build, like the notices.
 */
export async function loadIndicators(client: HubClientOptions): Promise<IndicatorsData> {
  const first = await queryHub<{
    indicatorYears: number[];
    organisations: Array<{ siren: string | null; slug: string; name: string }>;
    indicators: Indicators;
  }>(client, FIRST_QUERY);
  // The hub's figures are per SIREN: a buyer imported without one has no figures of its own (asking with a null
  // SIREN would give the whole territory's), so it has no indicators page.
  const organisations = first.organisations.filter(
    (organisation): organisation is { siren: string; slug: string; name: string } => organisation.siren !== null,
  );
  const scopes: Scope[] = [
    ...first.indicatorYears.map((year) => ({ year })),
    ...organisations.map((organisation) => ({ siren: organisation.siren })),
  ];
  const figures: Indicators[] = [];
  for (let start = 0; start < scopes.length; start += SCOPES_PER_REQUEST) {
    const batch = scopes.slice(start, start + SCOPES_PER_REQUEST);
    const { query, variables } = scopesQuery(batch);
    const answer = await queryHub<Record<string, Indicators>>(client, query, variables);
    figures.push(...batch.map((_, index) => answer[`s${index}`]!));
  }
  const years = first.indicatorYears.map((year, index) => ({ ...figures[index]!, year }));
  const perYear = first.indicatorYears.length;
  return {
    all: first.indicators,
    years,
    organisations: organisations.map((organisation, index) => ({ ...organisation, figures: figures[perYear + index]! })),
  };
}

/** Every chart of /indicateurs/, in page order; ids are unique (they name the CSV files). */
export function pageCharts(data: IndicatorsData): IndicatorChart[] {
  return [yearlyChart(data.years), ...indicatorCharts(data.all, 'toutes années'), organisationsChart(data.organisations)];
}

// One download per build, shared by the page and its CSV files.
let indicators: Promise<IndicatorsData> | undefined;

export function getIndicators(): Promise<IndicatorsData> {
  indicators ??= loadIndicators({ endpoint: process.env.HUB_URL || DEFAULT_HUB_URL });
  return indicators;
}

/** The next read downloads again (a full build of a long-lived renderer reads everything afresh). */
export function forgetIndicators(): void {
  indicators = undefined;
}
