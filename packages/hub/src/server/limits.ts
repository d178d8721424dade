import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type DocumentNode, type ValidationRule, type GraphQLSchema } from 'graphql';
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
        context.reportError(new GraphQLError(`At most ${MAX_ALIASES} aliases in one document`, { nodes: [node] }));
      }
    },
  };
};

export const validationRules: ValidationRule[] = [depthLimit(MAX_DEPTH), aliasLimit];

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
            throw new GraphQLError(`Query too complex: ${complexity} (at most ${MAX_COMPLEXITY})`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
