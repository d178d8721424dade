import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADVICE_STATISTICS_QUERY } from '../advice/load.js';
import { CHARTER_QUERY } from '../charter/load.js';
import { FIRST_QUERY, ORGANISATIONS_QUERY, scopesQuery, YEARS_QUERY } from '../indicators/queries.js';
import { PLAN_ANNOUNCEMENT_QUERY, PLANNED_PURCHASES_PAGE_QUERY, planAnnouncementYearsQuery } from '../plan/load.js';
import { TRAININGS_QUERY } from '../trainings/load.js';
import { NOTICE_QUERY, NOTICES_PAGE_QUERY, REFERENCE_DATA_QUERY } from './queries.js';

// Every document the site sends, checked against the committed contract: the types of schema-contract.test.ts say
// what the site reads, this says the hub will run what it asks. graphql is the hub's copy (the site has none).
interface GraphQL {
  buildSchema(sdl: string): unknown;
  parse(document: string): unknown;
  validate(schema: unknown, document: unknown): ReadonlyArray<{ message: string }>;
}
const graphql = createRequire(fileURLToPath(new URL('../../../../packages/hub/package.json', import.meta.url)))('graphql') as GraphQL;
const SDL = readFileSync(fileURLToPath(new URL('../../../../schema.graphql', import.meta.url)), 'utf8');

const DOCUMENTS: Record<string, string> = {
  NOTICES_PAGE_QUERY,
  REFERENCE_DATA_QUERY,
  NOTICE_QUERY,
  CHARTER_QUERY,
  TRAININGS_QUERY,
  ADVICE_STATISTICS_QUERY,
  PLANNED_PURCHASES_PAGE_QUERY,
  PLAN_ANNOUNCEMENT_QUERY,
  'plan: a batch of years': planAnnouncementYearsQuery([2025, 2026]),
  'indicators: FIRST_QUERY': FIRST_QUERY,
  'indicators: ORGANISATIONS_QUERY': ORGANISATIONS_QUERY,
  'indicators: YEARS_QUERY': YEARS_QUERY,
  'indicators: a batch of scopes': scopesQuery([{ all: true }, { year: 2026 }, { siren: '200035319' }]).query,
};

function problems(sdl: string, document: string): string[] {
  return graphql.validate(graphql.buildSchema(sdl), graphql.parse(document)).map((error) => error.message);
}

describe('the documents the site sends to the hub', () => {
  it.each(Object.entries(DOCUMENTS))('%s is valid against schema.graphql', (_, document) => {
    expect(problems(SDL, document)).toEqual([]);
  });

  it('fail against a schema that lost a field they ask for', () => {
    const withoutMeetsTarget = SDL.replace(/\n( {2}"""[^\n]*"""\n)? {2}meetsTarget: [^\n]*/, '');
    expect(withoutMeetsTarget).not.toBe(SDL);
    expect(problems(withoutMeetsTarget, FIRST_QUERY)).toContainEqual(
      expect.stringContaining('Cannot query field "meetsTarget" on type "SustainabilityIndicators".'),
    );
  });
});
