export interface HubErrorOptions extends ErrorOptions {
  /**
   * The hub ran the request and could not give this data (GraphQL errors in a 200 answer, or figures the site
   * cannot publish): the same request fails again until the data changes. A section built from such data may be
   * left out of the site (src/lib/build-report.ts); an unreachable hub, an HTTP error or a query the hub refuses to
   * run (a site bug) may not.
   */
  dataRefused?: boolean;
}

/** Why the build cannot trust the hub's answer; the message is what the operator reads. */
export class HubError extends Error {
  override name = 'HubError';
  readonly dataRefused: boolean;

  constructor(message: string, options: HubErrorOptions = {}) {
    super(message, options);
    this.dataRefused = options.dataRefused ?? false;
  }
}

export interface HubClientOptions {
  endpoint: string;
  /** per request; a hung hub must fail the build, not stall it */
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
  /** Awaited before each request: the build's gate (build-client.ts); none for a client that is not a build. */
  beforeRequest?: () => Promise<void>;
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : undefined;
  if (error.name === 'TimeoutError') return 'no answer before the timeout';
  return code ? `${error.message} (${code})` : error.message;
}

/** One GraphQL request; any transport problem, HTTP error or GraphQL error becomes a HubError. */
export async function queryHub<T>(
  options: HubClientOptions,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const { endpoint, timeoutMs = 60_000, fetch = globalThis.fetch, beforeRequest } = options;
  await beforeRequest?.();
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new HubError(`cannot reach the hub at ${endpoint}: ${describeCause(error)}`, { cause: error });
  }

  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new HubError(`the hub at ${endpoint} cut its answer short: ${describeCause(error)}`, { cause: error });
  }
  let body: GraphQLResponse<T> | undefined;
  try {
    body = JSON.parse(text) as GraphQLResponse<T>;
  } catch {
    body = undefined;
  }

  if (body?.errors?.length) {
    const messages = body.errors.map((e) => (e.extensions?.code ? `${e.message} [${e.extensions.code}]` : e.message));
    // Apollo answers 200 when the query ran and a resolver failed, 400 when it refused to run the query at all.
    throw new HubError(`the hub at ${endpoint} answered with errors: ${messages.join('; ')}`, { dataRefused: response.ok });
  }
  if (!response.ok) {
    throw new HubError(`the hub at ${endpoint} answered HTTP ${response.status}: ${text.slice(0, 200)}`);
  }
  if (!body || body.data === undefined || body.data === null) {
    throw new HubError(`the hub at ${endpoint} answered without data: ${text.slice(0, 200)}`);
  }
  return body.data;
}
