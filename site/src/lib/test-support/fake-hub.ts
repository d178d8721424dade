import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

// A real HTTP server answering like the hub would, including the ways it can fail (unit tests of the loader only;
// the browser tests run the real hub).

export interface GraphQLRequest {
  query: string;
  variables: Record<string, unknown>;
}

export type Handler = (request: GraphQLRequest, response: ServerResponse) => void;

export interface FakeHub {
  endpoint: string;
  requests: GraphQLRequest[];
  close: () => Promise<void>;
}

export async function hubAnswering(handler: Handler): Promise<FakeHub> {
  const requests: GraphQLRequest[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const request = JSON.parse(body) as GraphQLRequest;
      requests.push(request);
      handler(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/graphql`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export function json(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * `hubAnswering` for a test file: every fake hub it starts is closed after each test. Call it once at the top of the
 * file (it registers the `afterEach`).
 */
export function fakeHubsClosedAfterEach(): (handler: Handler) => Promise<FakeHub> {
  const hubs: FakeHub[] = [];
  afterEach(async () => {
    await Promise.all(hubs.splice(0).map((hub) => hub.close()));
  });
  return async (handler) => {
    const hub = await hubAnswering(handler);
    hubs.push(hub);
    return hub;
  };
}
