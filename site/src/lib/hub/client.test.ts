import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { fakeHubsClosedAfterEach, hubAnswering as startUnmanagedHub, json } from '../test-support/fake-hub.js';
import { HubError, queryHub } from './client.js';

const hubAnswering = fakeHubsClosedAfterEach();

describe('talking to the hub', () => {
  it.each([
    [
      'GraphQL errors',
      (res: ServerResponse) =>
        json(res, { data: null, errors: [{ message: 'Too complex', extensions: { code: 'QUERY_TOO_COMPLEX' } }] }),
      /answered with errors: Too complex \[QUERY_TOO_COMPLEX\]/,
    ],
    ['an HTTP error', (res: ServerResponse) => json(res, { message: 'boom' }, 502), /answered HTTP 502/],
    [
      'a body that is not JSON',
      (res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>proxy error</html>');
      },
      /answered without data: <html>proxy error/,
    ],
    ['no data', (res: ServerResponse) => json(res, {}), /answered without data/],
  ])('turns %s into a HubError', async (_, answer, message) => {
    const hub = await hubAnswering((_request, res) => answer(res));
    const error = await queryHub({ endpoint: hub.endpoint }, '{ communes { slug } }').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect((error as Error).message).toMatch(message);
  });

  it('says the hub cannot be reached when nothing listens', async () => {
    const hub = await startUnmanagedHub(() => {});
    await hub.close();
    await expect(queryHub({ endpoint: hub.endpoint }, '{ communes { slug } }')).rejects.toThrow(
      /cannot reach the hub at http:\/\/127\.0\.0\.1:\d+\/graphql: .*ECONNREFUSED/,
    );
  });

  it('gives up on a hub that never answers', async () => {
    const hub = await hubAnswering(() => {});
    await expect(queryHub({ endpoint: hub.endpoint, timeoutMs: 200 }, '{ communes { slug } }')).rejects.toThrow(
      /no answer before the timeout/,
    );
  });
});
