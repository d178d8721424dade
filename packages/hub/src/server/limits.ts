import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  NoFragmentCyclesRule,
  getOperationAST,
  getVariableValues,
  print,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { AppError } from '../shared/errors.js';
import depthLimit from 'graphql-depth-limit';
import { createRequire } from 'node:module';

// Its ESM build imports graphql's .mjs files while TypeGraphQL builds the schema with graphql's CommonJS entry:
// two "realms" of graphql that refuse each other's types. Its CommonJS build shares ours.
const { fieldExtensionsEstimator, getComplexity, simpleEstimator } = createRequire(import.meta.url)(
  'graphql-query-complexity',
) as typeof import('graphql-query-complexity');

export const MAX_DEPTH = 10;
export const MAX_ALIASES = 30;
/** Enough for the site's build pages (200 notices with their lots and corrections), far from a denial of service. */
export const MAX_COMPLEXITY = 40_000;

/** Refuses documents with more aliases than MAX_ALIASES: aliases multiply the work of one query. */
export const aliasLimit: ValidationRule = (context) => {
  let aliases = 0;
  return {
    Field(node) {
      if (node.alias && ++aliases === MAX_ALIASES + 1) {
        context.reportError(new GraphQLError(`Un document compte au plus ${MAX_ALIASES} alias.`, { nodes: [node] }));
      }
    },
  };
};

/**
 * graphql-depth-limit follows fragment spreads without remembering where it has been: a fragment that spreads itself
 * (directly or through others) overflows its stack, a 500. graphql-js's own NoFragmentCyclesRule, which runs in the
 * same validation pass, already reports the cycle as a validation error (400); the depth is measured only when there
 * is none.
 */
const depthLimitWithoutCycles: ValidationRule = (context) => {
  const document = context.getDocument();
  const hasFragments = document.definitions.some((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  if (hasFragments && validate(context.getSchema(), document, [NoFragmentCyclesRule]).length > 0) return {};
  // graphql-depth-limit reports in English ("'q' exceeds maximum operation depth of 10"): the same error, in French.
  const french = Object.create(context, {
    reportError: {
      value: (error: GraphQLError) =>
        context.reportError(new GraphQLError(`La requête dépasse la profondeur maximale de ${MAX_DEPTH} niveaux.`, { nodes: error.nodes })),
    },
  }) as typeof context;
  return depthLimit(MAX_DEPTH)(french);
};

export const validationRules: ValidationRule[] = [depthLimitWithoutCycles, aliasLimit];

/**
 * A document's cost depends only on it, its operation and its variables; Apollo hands the same parsed document for
 * the same query text, so the cost is computed once per document and variables instead of walking the document on
 * every request (a site loads the same few pages over and over).
 */
const MAX_COSTS_PER_DOCUMENT = 100;
const costs = new WeakMap<DocumentNode, Map<string, number>>();

function cachedComplexity(document: DocumentNode, key: string, compute: () => number): number {
  let known = costs.get(document);
  if (!known) costs.set(document, (known = new Map()));
  let complexity = known.get(key);
  if (complexity === undefined) {
    complexity = compute();
    if (known.size >= MAX_COSTS_PER_DOCUMENT) known.clear();
    known.set(key, complexity);
  }
  return complexity;
}

export function complexityPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const operationName = request.operationName ?? undefined;
          const variables = request.variables ?? {};
          // The cost is computed from the variables (`first: $n`) before Apollo coerces them for execution: a value
          // of the wrong type ("abc" for an Int, "NaN" for a DateTime) would throw inside the estimator, a 500. It is
          // refused here as Apollo itself refuses it, a 400, naming the variable.
          assertVariablesCoerce(schema, document, operationName, variables);
          const complexity = cachedComplexity(document, JSON.stringify([operationName, variables]), () =>
            getComplexity({
              schema,
              query: document,
              operationName,
              variables,
              estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
            }),
          );
          if (complexity > MAX_COMPLEXITY) {
            throw new GraphQLError(`Requête trop coûteuse : ${complexity} (au plus ${MAX_COMPLEXITY}).`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

/** Refuses variables that do not coerce to their declared types, with BAD_USER_INPUT naming each variable (400). */
function assertVariablesCoerce(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
): void {
  const operation = getOperationAST(document, operationName);
  if (!operation?.variableDefinitions?.length) return;
  const coerced = getVariableValues(schema, operation.variableDefinitions, variables, { maxErrors: 50 });
  if (!('errors' in coerced) || !coerced.errors?.length) return;
  const types = new Map(operation.variableDefinitions.map((definition) => [definition.variable.name.value, print(definition.type)]));
  // graphql-js explains in English; the staff member reads the variable, its type, where inside it, and whether a
  // required value is absent (MISSING) or of the wrong type (INVALID).
  const fields = coerced.errors.map((error) => {
    const name = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)"/.exec(error.message)?.[1] ?? 'variables';
    const inside = / at "([^"]+)"/.exec(error.message)?.[1];
    const absent = /was not provided/.test(error.message);
    const message = `La variable $${name} n’a pas le type attendu ${types.get(name) ?? ''}${inside ? ` (en ${inside})` : ''}${
      absent ? ' : une valeur obligatoire manque' : ''
    }.`;
    return { field: name, code: absent ? ('MISSING' as const) : ('INVALID' as const), message };
  });
  const [first] = fields;
  const message = fields.length === 1 ? first!.message : `${fields.length} variables n’ont pas le type attendu : ${fields.map((f) => f.message).join(' ; ')}`;
  throw new GraphQLError(message, {
    originalError: new AppError('BAD_USER_INPUT', message, { field: first!.field, fields }),
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}
