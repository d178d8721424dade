import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ValidationRule, type GraphQLSchema } from 'graphql';
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

export function complexityPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const complexity = getComplexity({
            schema,
            query: document,
            operationName: request.operationName ?? undefined,
            variables: request.variables ?? {},
            estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
          });
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
