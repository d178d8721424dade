import { afterEach, describe, expect, it } from 'vitest';
import { forgetIndicators, getIndicators, loadIndicators, refreshIndicators, SCOPES_PER_REQUEST } from './load.js';
import { hubAnswering, json, type FakeHub, type GraphQLRequest, type Handler } from '../test-support/fake-hub.js';

let hub: FakeHub | undefined;
afterEach(async () => {
  await hub?.close();
});

type Organisation = { siren: string | null; slug: string; name: string };

/**
 * Answers like the hub: the first request with years, buyers and every year's figures; then each alias's scope.
 * `refused` scopes (a year, a SIREN, or 'all' for every year together) fail as the hub fails a field it cannot
 * compute: a 200 whose data is null, since `indicators` is not nullable.
 */
function answering(years: number[], organisations: Organisation[], refused: Array<number | string> = []) {
  return hubAnswering(answer(years, organisations, refused));
}

/** `answering`'s handler. */
function answer(years: number[], organisations: Organisation[], refused: Array<number | string> = []): Handler {
  const refuse = (response: Parameters<Parameters<typeof hubAnswering>[0]>[1], what: number | string) =>
    json(response, { data: null, errors: [{ message: `Float cannot represent non numeric value: Infinity (${what})` }] });
  return (request, response) => {
    if (request.query.includes('indicatorYears') && request.query.includes('indicators {')) {
      if (refused.includes('all')) return refuse(response, 'all');
      if (refused.includes('years')) return refuse(response, 'years');
      return json(response, {
        data: { indicatorYears: years, organisations, indicators: { year: null, organisationSiren: null, noticeCount: 100 } },
      });
    }
    if (request.query.includes('SiteIndicatorOrganisations')) return json(response, { data: { organisations } });
    if (request.query.includes('SiteIndicatorYears')) {
      return refused.includes('years') ? refuse(response, 'years') : json(response, { data: { indicatorYears: years } });
    }
    // Each alias is named after its variable: a number is a year, a string a SIREN; an alias without one is 'all'.
    const aliases = [...request.query.matchAll(/\b(s\d+): indicators\b/g)].map((match) => match[1]!);
    const scopes = aliases.map((alias) => [alias, (request.variables[alias] as number | string | undefined) ?? 'all'] as const);
    const failing = scopes.find(([, value]) => refused.includes(value));
    if (failing) return refuse(response, failing[1]);
    const data = Object.fromEntries(
      scopes.map(([alias, value]) => [
        alias,
        // A year's figures count as many notices as the year's number, so a mix-up of years shows.
        value === 'all'
          ? { year: null, organisationSiren: null, noticeCount: 100 }
          : typeof value === 'number'
            ? { year: value, organisationSiren: null, noticeCount: value }
            : { year: null, organisationSiren: value },
      ]),
    );
    json(response, { data });
  };
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
    expect(data.organisations.map((organisation) => [organisation.slug, organisation.figures?.organisationSiren])).toEqual([
      ['lorgues', '218300721'],
    ]);
    expect(data.all?.noticeCount).toBe(100);
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
    expect(data.organisations.map((organisation) => organisation.figures?.organisationSiren)).toEqual(
      organisations.map((organisation) => organisation.siren),
    );
  });

  it('leaves out only the year and the buyer the hub cannot compute, each with its page and the hub’s reason', async () => {
    const organisations = [
      { siren: '218300721', slug: 'lorgues', name: 'Lorgues' },
      { siren: '218300507', slug: 'draguignan', name: 'Draguignan' },
    ];
    hub = await answering([2026, 1900, 2025], organisations, [1900, '218300507']);
    const data = await loadIndicators({ endpoint: hub.endpoint });
    expect(data.years.map((year) => year.year)).toEqual([2026, 2025]);
    expect(data.organisations.map((organisation) => [organisation.slug, organisation.figures?.organisationSiren ?? null])).toEqual([
      ['lorgues', '218300721'],
      ['draguignan', null],
    ]);
    expect(data.all?.noticeCount).toBe(100);
    expect(data.leftOut).toEqual([
      { page: '/indicateurs/', what: 'Les chiffres de l’année 1900', error: expect.stringMatching(/Infinity \(1900\)/) },
      {
        page: '/indicateurs/acheteurs/draguignan/',
        what: 'Les indicateurs de Draguignan',
        error: expect.stringMatching(/Infinity \(218300507\)/),
      },
    ]);
  });

  it('reads the buyers and the years apart when the hub cannot compute every year together, and leaves out only that', async () => {
    hub = await answering([2026], [{ siren: '218300721', slug: 'lorgues', name: 'Lorgues' }], ['all']);
    const data = await loadIndicators({ endpoint: hub.endpoint });
    expect(data.all).toBeNull();
    expect(data.years.map((year) => year.noticeCount)).toEqual([2026]);
    expect(data.organisations.map((organisation) => organisation.figures?.organisationSiren)).toEqual(['218300721']);
    expect(data.leftOut.map((section) => [section.page, section.what])).toEqual([
      ['/indicateurs/', 'Les chiffres de toutes les années confondues'],
    ]);
  });

  it('leaves out the figures per year when the hub cannot even list the years, and keeps every buyer', async () => {
    hub = await answering([2026], [{ siren: '218300721', slug: 'lorgues', name: 'Lorgues' }], ['years']);
    const data = await loadIndicators({ endpoint: hub.endpoint });
    expect(data.years).toEqual([]);
    expect(data.all?.noticeCount).toBe(100);
    expect(data.organisations.map((organisation) => organisation.figures?.organisationSiren)).toEqual(['218300721']);
    expect(data.leftOut.map((section) => section.what)).toEqual(['Les chiffres par année']);
  });

  it('fails when the hub refuses to run the query itself (HTTP 400), which no data explains', async () => {
    hub = await hubAnswering((_request, response) =>
      json(response, { errors: [{ message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] }, 400),
    );
    await expect(loadIndicators({ endpoint: hub.endpoint })).rejects.toThrow(/GRAPHQL_VALIDATION_FAILED/);
  });

  it('fails when the hub cannot be reached', async () => {
    hub = await hubAnswering(() => {});
    const { endpoint } = hub;
    await hub.close();
    hub = undefined;
    await expect(loadIndicators({ endpoint })).rejects.toThrow(/cannot reach the hub/);
  });

  it('asks nothing more than the first request when there are no years and no buyers', async () => {
    hub = await answering([], []);
    const data = await loadIndicators({ endpoint: hub.endpoint });
    expect(hub.requests).toHaveLength(1);
    expect(data).toMatchObject({ years: [], organisations: [] });
  });
});

describe('reading the indicators again beside the releases', () => {
  const hubUrlBefore = process.env.HUB_URL;
  let other: FakeHub | undefined;
  afterEach(async () => {
    forgetIndicators();
    await other?.close();
    if (hubUrlBefore === undefined) delete process.env.HUB_URL;
    else process.env.HUB_URL = hubUrlBefore;
  });

  it('keeps the indicators held while the hub answers, puts the new ones in place once read, and keeps them if the read fails', async () => {
    hub = await answering([2025], []);
    process.env.HUB_URL = hub.endpoint;
    forgetIndicators();
    expect((await getIndicators()).years.map((year) => year.year)).toEqual([2025]);

    // The hub holds its answers to the new read: a page asking for the indicators meanwhile gets those held, at once.
    let holding = true;
    const held: (() => void)[] = [];
    const later = answer([2026, 2025], []);
    other = await hubAnswering((request, response) => {
      if (holding) held.push(() => later(request, response));
      else later(request, response);
    });
    process.env.HUB_URL = other.endpoint;
    const refreshed = refreshIndicators();
    expect((await getIndicators()).years.map((year) => year.year)).toEqual([2025]);
    holding = false;
    for (const respond of held.splice(0)) respond();
    await refreshed;
    expect((await getIndicators()).years.map((year) => year.year)).toEqual([2026, 2025]);

    await other.close();
    other = undefined;
    await expect(refreshIndicators()).rejects.toThrow(/cannot reach the hub/);
    expect((await getIndicators()).years.map((year) => year.year)).toEqual([2026, 2025]);
  });
});
