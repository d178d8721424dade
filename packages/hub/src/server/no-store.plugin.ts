import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Every GraphQL answer says `cache-control: no-store`, as Apollo's cache-control plugin did for a schema without
 * cache hints. That plugin is disabled (`app.ts`) because it wraps every field's resolver to collect hints we never
 * give: about a tenth of the CPU time of a page of notices.
 */
export function noStorePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (!response.http.headers.has('cache-control')) response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
