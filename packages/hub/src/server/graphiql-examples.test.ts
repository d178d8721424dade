import { getVariableValues, Kind, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphiqlDefaultTabs, graphiqlExamples } from './graphiql-examples.js';
import { buildHubSchema } from './schema.js';

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = await buildHubSchema();
});

function operationOf(query: string): OperationDefinitionNode {
  const definitions = parse(query).definitions;
  expect(definitions).toHaveLength(1);
  const [operation] = definitions;
  if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error('an example must be one operation');
  return operation;
}

function rootFields(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []));
}

// Several days, so a sample date computed from the page's load is checked across a year's end and a week-end.
const DAYS = ['2026-12-06T07:00:00Z', '2026-12-31T23:30:00Z', '2027-06-15T10:00:00Z'].map((iso) => new Date(iso));

describe('the example operations GraphiQL opens with', () => {
  it.each(DAYS.map((day) => [day.toISOString(), day] as const))('are each one named operation valid against the hub’s schema, with variables it accepts (page loaded %s)', (_, now) => {
    for (const example of graphiqlExamples(now)) {
      const operation = operationOf(example.query);
      const name = operation.name?.value ?? '(anonymous)';
      expect(operation.name, example.query).toBeDefined();
      expect(validate(schema, parse(example.query)).map((error) => error.message), name).toEqual([]);
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], example.variables ?? {});
      expect(coerced.errors?.map((error) => error.message) ?? [], name).toEqual([]);
      // No sample value the operation does not declare: it would be silently ignored.
      const declared = new Set((operation.variableDefinitions ?? []).map((definition) => definition.variable.name.value));
      expect(Object.keys(example.variables ?? {}).filter((variable) => !declared.has(variable)), name).toEqual([]);
    }
  });

  it('give each tab its own name, and start with the public notices a visitor can read without a token', () => {
    const names = graphiqlExamples(DAYS[0]!).map((example) => operationOf(example.query).name?.value);
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toBe('DernieresConsultations');
    expect(names[1]).toBe('SeConnecter');
  });

  it('walk a staff member through signing in, drafting and publishing a notice, awarding a lot, asking for advice and answering, reading, and signing out', () => {
    const used = graphiqlExamples(DAYS[0]!).map((example) => {
      const operation = operationOf(example.query);
      return { operation: operation.operation, fields: rootFields(operation) };
    });
    const mutations = used.filter((example) => example.operation === 'mutation').flatMap((example) => example.fields);
    const queries = used.filter((example) => example.operation === 'query').flatMap((example) => example.fields);
    expect(mutations).toEqual(['login', 'createNotice', 'publishNotice', 'awardLot', 'askAdvice', 'answerAdviceRequest', 'logout']);
    expect(queries).toEqual(expect.arrayContaining(['notices', 'me', 'adviceRequests', 'adviceRequest', 'knowledgeEntries']));
  });

  it('date the sample deadline at noon in Paris 40 days after the page’s load, and the sample award on its day', () => {
    const now = new Date('2026-12-31T23:30:00Z'); // already 1 January 2027 in Paris
    const byName = new Map(graphiqlExamples(now).map((example) => [operationOf(example.query).name?.value, example.variables]));
    expect(byName.get('RedigerConsultation')).toMatchObject({ input: { submissionDeadline: '2027-02-10T11:00:00Z' } });
    expect(byName.get('AttribuerLot')).toMatchObject({ reference: '2027-DRA-0001', input: { awardedOn: '2027-01-01' } });
  });

  it('hand GraphiQL each tab’s variables as JSON, and none for an operation without any', () => {
    const tabs = graphiqlDefaultTabs(DAYS[0]!);
    expect(tabs).toHaveLength(graphiqlExamples(DAYS[0]!).length);
    expect(tabs[0]!.variables).toBeNull();
    expect(JSON.parse(tabs[1]!.variables!)).toEqual({ email: 'prenom.nom@mairie.fr', password: 'votre mot de passe' });
  });
});
