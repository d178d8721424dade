// @graphiql/toolkit imports graphql-ws lazily, only for subscriptions over a WebSocket. The hub has no
// subscriptions, so the bundle gets this stand-in instead of a package the hub does not install.
export function createClient(): never {
  throw new Error('Les abonnements GraphQL (subscriptions) ne sont pas proposés par ce hub.');
}
