import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/demo.seed.js';
import { SIREN, startTestHub, type TestHub } from '../test-support/test-hub.js';

const FIGURES = `year organisationSiren noticeCount awardedLotCount awardedAmount
  sustainability { sustainable { noticeCount noticeShare amount amountShare } target meetsTarget }
  suppliers { sme { amount share } territory { amount share } departement { amount share } }
  savings { lotCount estimatedAmount awardedAmount savedAmount rate }
  byCommune { key label noticeCount awardedAmount } byFamily { key noticeCount savings { savedAmount } }`;

describe('several indicators in one request', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub({ now: '2026-12-01T09:00:00Z', countStatements: true });
    await seedDemo(hub.orm.em.fork(), hub.config, hub.clock.now());
  });
  afterAll(() => hub?.close());

  it('gives each scope the figures it gets on its own, reading the notices once for all of them', async () => {
    const scopes = { all: {}, year: { year: 2026 }, agglomeration: { siren: SIREN.agglomeration }, lorgues: { siren: SIREN.lorgues } };
    const alone: Record<string, unknown> = {};
    for (const [name, scope] of Object.entries(scopes)) {
      const result = await hub.gql(`query($year: Int, $siren: String) { indicators(year: $year, organisationSiren: $siren) { ${FIGURES} } }`, scope);
      expect(result.errors).toBeUndefined();
      alone[name] = result.data!.indicators;
    }
    hub.statements.length = 0;
    const together = await hub.gql(
      `query($year: Int!, $agglomeration: String!, $lorgues: String!) {
        indicatorYears
        all: indicators { ${FIGURES} }
        year: indicators(year: $year) { ${FIGURES} }
        agglomeration: indicators(organisationSiren: $agglomeration) { ${FIGURES} }
        lorgues: indicators(organisationSiren: $lorgues) { ${FIGURES} } }`,
      { year: 2026, agglomeration: SIREN.agglomeration, lorgues: SIREN.lorgues },
    );
    expect(together.errors).toBeUndefined();
    const { indicatorYears, ...figures } = together.data!;
    expect(indicatorYears).toContain(2026);
    expect(figures).toEqual(alone);
    expect(hub.statements.filter((sql) => /\bfrom [`"]notice[`"]/i.test(sql))).toHaveLength(1);
    expect(hub.statements.filter((sql) => /\bfrom [`"]lot[`"]/i.test(sql))).toHaveLength(1);
  });

  it('reads the notices again in the next request, so its figures follow the data', async () => {
    hub.statements.length = 0;
    await hub.gql('{ indicatorYears }');
    await hub.gql('{ indicatorYears }');
    expect(hub.statements.filter((sql) => /\bfrom [`"]notice[`"]/i.test(sql))).toHaveLength(2);
  });
});
