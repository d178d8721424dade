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

const SCOPE_QUERY = `query SiteIndicators($year: Int, $siren: String) {
  indicators(year: $year, organisationSiren: $siren) { ${INDICATORS_FIELDS} } }`;
const YEARS_QUERY = `query SiteIndicatorYears { indicatorYears organisations { siren slug name } }`;

/**
 * The indicators the page shows, computed by the hub: every year, each year, each organisation. One request per
 * scope keeps each under the hub's complexity limit; a failing one fails the build, like the notices.
 */
export async function loadIndicators(client: HubClientOptions): Promise<IndicatorsData> {
  const scope = async (variables: { year?: number; siren?: string }) =>
    (await queryHub<{ indicators: Indicators }>(client, SCOPE_QUERY, variables)).indicators;
  const answer = await queryHub<{
    indicatorYears: number[];
    organisations: Array<{ siren: string | null; slug: string; name: string }>;
  }>(client, YEARS_QUERY);
  const { indicatorYears } = answer;
  // The hub's figures are per SIREN: a buyer imported without one has no figures of its own (asking with a null
  // SIREN would give the whole territory's), so it has no indicators page.
  const organisations = answer.organisations.filter(
    (organisation): organisation is { siren: string; slug: string; name: string } => organisation.siren !== null,
  );
  const all = await scope({});
  const years: IndicatorsData['years'] = [];
  for (const year of indicatorYears) years.push({ ...(await scope({ year })), year });
  const perOrganisation: OrganisationIndicators[] = [];
  for (const organisation of organisations) perOrganisation.push({ ...organisation, figures: await scope({ siren: organisation.siren }) });
  return { all, years, organisations: perOrganisation };
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
