import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A real hub seen through a proxy that makes it fail one piece of data, the way one bad record makes it fail: for the
// GraphQL requests a rule picks, HTTP 200 with a GraphQL error and no data, exactly what Apollo answers when a
// resolver throws (a total that overflows, a stored value the hub cannot serialise). Everything else, the open-data
// files included, is the hub's own answer, passed through untouched.

export interface GraphQLRequest {
  /** the operation's name as the query declares it (`query SiteTrainings …` → `SiteTrainings`) */
  operation: string;
  variables: Record<string, unknown>;
}

export interface FaultProxy {
  /** the GraphQL endpoint to give the site (HUB_URL): `<proxy>/graphql` */
  graphqlUrl: string;
  /** Requests matching any rule fail, as the hub fails; set again at any time, empty to pass everything. */
  failWhen(rules: ((request: GraphQLRequest) => boolean)[]): void;
  /** The operations the proxy made fail so far, in order. */
  failed(): string[];
  /**
   * Every request so far, in order of arrival: its GraphQL operation (or its path for anything else), and when it
   * arrived and when its answer was sent, on one counter of events (`answered` undefined while it is pending).
   */
  requests(): PassedRequest[];
  close(): Promise<void>;
}

export interface PassedRequest {
  /** the GraphQL operation's name, or the path asked (`/opendata/decp.json`) */
  what: string;
  arrived: number;
  answered?: number;
}

export async function startFaultProxy(hubBaseUrl: string): Promise<FaultProxy> {
  let rules: ((request: GraphQLRequest) => boolean)[] = [];
  const failed: string[] = [];
  const log: PassedRequest[] = [];
  let events = 0;
  const server: Server = createServer(async (req, res) => {
    const entry: PassedRequest = { what: req.url ?? '/', arrived: ++events };
    log.push(entry);
    res.once('finish', () => {
      entry.answered = ++events;
    });
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      if (req.method === 'POST' && req.url?.startsWith('/graphql')) {
        const parsed = JSON.parse(body.toString('utf8')) as { query?: string; variables?: Record<string, unknown> };
        const operation = /^\s*(?:query|mutation)\s+(\w+)/.exec(parsed.query ?? '')?.[1] ?? '';
        entry.what = operation;
        const request = { operation, variables: parsed.variables ?? {} };
        if (rules.some((rule) => rule(request))) {
          failed.push(operation);
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }], data: null }));
          return;
        }
      }
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'accept', 'authorization']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const answer = await fetch(new URL(req.url ?? '/', hubBaseUrl), {
        method: req.method,
        headers,
        ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
      });
      const passed: Record<string, string> = {};
      for (const name of ['content-type', 'content-disposition', 'cache-control']) {
        const value = answer.headers.get(name);
        if (value) passed[name] = value;
      }
      res.writeHead(answer.status, passed);
      res.end(Buffer.from(await answer.arrayBuffer()));
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`fault proxy: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    graphqlUrl: `http://127.0.0.1:${port}/graphql`,
    failWhen(next) {
      rules = next;
    },
    failed: () => [...failed],
    requests: () => log.map((request) => ({ ...request })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
