// The page's fetch: adds the kept token as `Authorization: Bearer …` to every request that has no Authorization of its
// own (one typed in the headers editor wins), and reads each answer for a sign-in or a sign-out. The rules are in
// src/server/graphiql-session.ts, tested in Node; this file only joins them to the browser.
import {
  applyAnswer,
  readSession,
  tokenOfHeader,
  type GraphiqlSession,
  type GraphqlRequestBody,
  type SessionStorage,
} from '../src/server/graphiql-session.js';

export interface SessionFetch {
  fetch: typeof fetch;
  /** The kept session now (null once expired or forgotten). */
  current(): GraphiqlSession | null;
  /** Calls `listener` when the session changes: a sign-in, a sign-out, an expiry, or another tab of the page. */
  subscribe(listener: () => void): () => void;
}

// setTimeout holds at most 2^31 − 1 ms (about 24.8 days); a longer wait is taken in steps.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

export function createSessionFetch(storage: SessionStorage, baseFetch: typeof fetch = globalThis.fetch.bind(globalThis)): SessionFetch {
  const listeners = new Set<() => void>();
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;

  const current = () => readSession(storage, new Date());
  const changed = () => {
    scheduleExpiry();
    for (const listener of listeners) listener();
  };
  // Wakes the page when the token runs out, so it stops showing itself signed in.
  const scheduleExpiry = () => {
    clearTimeout(expiryTimer);
    const session = current();
    if (!session?.expiresAt) return;
    const wait = Math.min(Math.max(Date.parse(session.expiresAt) - Date.now(), 0), LONGEST_TIMER_MS);
    expiryTimer = setTimeout(changed, wait);
  };

  const sessionFetch: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    const kept = current();
    if (kept && !headers.has('authorization')) headers.set('authorization', `Bearer ${kept.token}`);
    const sentToken = tokenOfHeader(headers.get('authorization'));
    let response = await baseFetch(input, { ...init, headers });

    const request = requestBody(init?.body);
    const refused = response.status === 401;
    const result = refused ? null : await jsonOf(response);
    if (applyAnswer(storage, { request, result, sentToken, refused }, new Date())) {
      changed();
      // The kept token was refused (revoked, or the hub's database changed): ask again as a visitor, so the schema
      // and public queries keep working; the answer says what the anonymous request gets.
      if (refused && kept && sentToken === kept.token) {
        headers.delete('authorization');
        response = await baseFetch(input, { ...init, headers });
      }
    }
    return response;
  };

  if (typeof window !== 'undefined') {
    // Another tab of the page signed in or out.
    window.addEventListener('storage', () => changed());
  }
  scheduleExpiry();

  return {
    fetch: sessionFetch,
    current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function requestBody(body: BodyInit | null | undefined): GraphqlRequestBody {
  if (typeof body !== 'string') return {};
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? (parsed as GraphqlRequestBody) : {};
  } catch {
    return {};
  }
}

/** The answer's JSON, read from a copy so GraphiQL still reads the original; null when it is not JSON. */
async function jsonOf(response: Response): Promise<unknown> {
  if (!/json/i.test(response.headers.get('content-type') ?? '')) return null;
  try {
    return await response.clone().json();
  } catch {
    return null;
  }
}
