import { afterEach, describe, expect, it } from 'vitest';
import { loadIndicators } from './indicators-load.js';
import { hubAnswering, json, type FakeHub } from './test-support/fake-hub.js';

let hub: FakeHub | undefined;
afterEach(async () => {
  await hub?.close();
});

describe('loading the indicators', () => {
  it('asks for each buyer’s figures by SIREN, and leaves out a buyer imported without one', async () => {
    hub = await hubAnswering((request, response) => {
      if (request.query.includes('indicatorYears')) {
        return json(response, {
          data: {
            indicatorYears: [2026],
            organisations: [
              { siren: '218300721', slug: 'lorgues', name: 'Lorgues' },
              { siren: null, slug: 'mairie-importee', name: 'Mairie importée' },
            ],
          },
        });
      }
      json(response, { data: { indicators: { organisationSiren: request.variables.siren ?? null, noticeCount: 1 } } });
    });
    const data = await loadIndicators({ endpoint: hub.endpoint });
    expect(data.organisations.map((organisation) => [organisation.slug, organisation.figures.organisationSiren])).toEqual([
      ['lorgues', '218300721'],
    ]);
    // Never a per-buyer request without a SIREN, which the hub would answer with the whole territory's figures.
    const scopes = hub.requests.filter((request) => !request.query.includes('indicatorYears')).map((request) => request.variables);
    expect(scopes).toEqual([{}, { year: 2026 }, { siren: '218300721' }]);
  });
});
