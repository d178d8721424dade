import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { MikroORM } from '@mikro-orm/sqlite';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { authenticate } from '../auth/auth.service.js';
import { bearerToken } from '../auth/token.js';
import type { Clock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import type { Context } from '../shared/context.js';
import { formatError } from '../shared/errors.js';
import { registerGraphiql, resolveGraphiqlAssetsDir } from './graphiql.route.js';
import { complexityPlugin, validationRules } from './limits.js';
import { noStorePlugin } from './no-store.plugin.js';
import { buildHubSchema } from './schema.js';
import { registerCertificateRoute } from '../trainings/certificate/certificate.route.js';
import { registerOpenDataRoutes } from '../opendata/serve/opendata.route.js';
import { registerAlertRoutes } from '../alerts/alert.routes.js';

export interface HubApp {
  app: FastifyInstance;
  apollo: ApolloServer<Context>;
}

export async function createHubApp(orm: MikroORM, config: HubConfig, clock: Clock): Promise<HubApp> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // request.ip (the sign-in limits count per address) reads X-Forwarded-For only from the proxies TRUST_PROXY names.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
  });
  const schema = await buildHubSchema();
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: true,
    // `hub serve` stops Fastify, the schedulers and the database itself on SIGTERM; Apollo must not exit first.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    validationRules,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatError(formatted, error, (cause) => app.log.error({ err: cause }, 'unexpected error')),
    // GraphiQL is ours, bundled and served offline: Apollo's landing page would load from a CDN.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin(),
      fastifyApolloDrainPlugin(app),
      complexityPlugin(schema),
    ],
  });
  await apollo.start();

  const context = async (request: FastifyRequest): Promise<Context> => {
    const em = orm.em.fork();
    const now = clock.now();
    const header = request.headers.authorization;
    const token = bearerToken(header);
    if (header && !token) throw unauthenticatedRequest('En-tête Authorization mal formé : écrivez Bearer <jeton>.');
    const actor = token ? await authenticate(em, token, now) : null;
    if (token && !actor) throw unauthenticatedRequest('Jeton invalide ou expiré : connectez-vous de nouveau.');
    return { em, actor, clock, config, address: request.ip, now } satisfies Context;
  };

  registerGraphiql(app, { assetsDir: resolveGraphiqlAssetsDir() });
  await app.register(fastifyApollo(apollo), { context });

  registerCertificateRoute(app, orm, clock);
  registerOpenDataRoutes(app, orm, config, clock);
  await registerAlertRoutes(app, orm, config, clock);

  app.get('/healthz', async (_request, reply) => {
    try {
      await orm.em.getConnection().execute('select 1 as ok');
      return { status: 'ok' };
    } catch (error) {
      app.log.error({ err: error }, 'database check failed');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  return { app, apollo };
}

/** The last `hops` proxies before the hub are believed: the address before them is the client's. */
function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

function unauthenticatedRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}
