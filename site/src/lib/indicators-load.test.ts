import { afterEach, describe, expect, it } from 'vitest';
import { loadIndicators, SCOPES_PER_REQUEST } from './indicators-load.js';
import { hubAnswering, json, type FakeHub, type GraphQLRequest } from './test-support/fake-hub.js';

let hub: FakeHub | undefined;
afterEach(async () => {
  await hub?.close();
});

type Organisation = { siren: string | null; slug: string; name: string };

/** Answers like the hub: the first request with years, buyers and every year's figures; then each alias's scope. */
function answering(years: number[], organisations: Organisation[]) {
  return hubAnswering((request, response) => {
    if (request.query.includes('indicatorYears')) {
      return json(response, {
        data: { indicatorYears: years, organisations, indicators: { year: null, organisationSiren: null, noticeCount: 100 } },
      });
    }
    // Each alias is named after its variable: a number is a year, a string a SIREN.
    const data = Object.fromEntries(
      Object.entries(request.variables).map(([alias, value]) => [
        alias,
        // A year's figures count as many notices as the year's number, so a mix-up of years shows.
        typeof value === 'number' ? { year: value, organisationSiren: null, noticeCount: value } : { year: null, organisationSiren: value },
      ]),
    );
    json(response, { data });
  });
}

const aliasesOf = (request: GraphQLRequest) => request.query.match(/\bs\d+: indicators\(/g)?.length ?? 0;
const scopesAsked = (requests: GraphQLRequest[]) =>
  requests.filter((request) => !request.query.includes('indicatorYears')).flatMap((request) => Object.values(request.variables));

describe('loading the indicators', () => {
  it('asks for each buyer’s figures by SIREN, and leaves out a buyer imported without one', async () => {
    hub = await answering([2026], [
      { siren: '218300721', slug: 'lorgues', name: 'Lorgues' },
      { siren: null, slug: 'mairie-importee', name: 'Mairie importée' },
    ]);
    const data = await loadIndicators({ endpoint: hub.endpoint });
    expect(data.organisations.map((organisation) => [organisation.slug, organisation.figures.organisationSiren])).toEqual([
      ['lorgues', '218300721'],
    ]);
    expect(data.all.noticeCount).toBe(100);
    expect(data.years.map((year) => [year.year, year.organisationSiren])).toEqual([[2026, null]]);
    // Never a per-buyer scope without a SIREN, which the hub would answer with the whole territory's figures.
    expect(scopesAsked(hub.requests)).toEqual([2026, '218300721']);
    expect(hub.requests).toHaveLength(2);
  });

  it('asks for every year and buyer in as few requests as the hub’s alias limit allows, each scope once', async () => {
    const organisations = Array.from({ length: 40 }, (_, index) => ({
      siren: String(218_300_000 + index),
      slug: `commune-${index}`,
      name: `Commune ${index}`,
    }));
    hub = await answering([2027, 2026, 2025], organisations);
    const data = await loadIndicators({ endpoint: hub.endpoint });
    expect(hub.requests).toHaveLength(3);
    expect(Math.max(...hub.requests.map(aliasesOf))).toBe(SCOPES_PER_REQUEST);
    expect(scopesAsked(hub.requests)).toEqual([2027, 2026, 2025, ...organisations.map((organisation) => organisation.siren)]);
    expect(data.years.map((year) => [year.year, year.noticeCount])).toEqual([[2027, 2027], [2026, 2026], [2025, 2025]]);
    expect(data.organisations.map((organisation) => organisation.figures.organisationSiren)).toEqual(
      organisations.map((organisation) => organisation.siren),
    );
  });

  it('asks nothing more than the first request when there are no years and no buyers', async () => {
    hub = await answering([], []);
    const data = await loadIndicators({ endpoint: hub.endpoint });
    expect(hub.requests).toHaveLength(1);
    expect(data).toMatchObject({ years: [], organisations: [] });
  });
});
