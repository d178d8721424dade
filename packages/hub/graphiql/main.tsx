import './workers.js';
import 'graphiql/style.css';
import './page.css';
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { graphiqlDefaultTabs } from '../src/server/graphiql-examples.js';
import { operationToRun } from '../src/server/graphiql-operation.js';
import type { SessionStorage } from '../src/server/graphiql-session.js';
import { createSessionFetch, type SessionFetch } from './session-fetch.js';

const container = document.getElementById('graphiql');
if (!container) throw new Error('GraphiQL container #graphiql is missing from the page');

/** localStorage, or the page's memory when the browser refuses it (private browsing, storage disabled). */
function browserStorage(): SessionStorage {
  try {
    const probe = 'territoire-achats:probe';
    localStorage.setItem(probe, '1');
    localStorage.removeItem(probe);
    return localStorage;
  } catch {
    const memory = new Map<string, string>();
    return {
      getItem: (key) => memory.get(key) ?? null,
      setItem: (key, value) => void memory.set(key, value),
      removeItem: (key) => void memory.delete(key),
    };
  }
}

const session = createSessionFetch(browserStorage());
// Same origin: the page is served by the hub at /graphql, next to the API it explores. The hub answers in one part
// (no @defer), so the plain fetcher is enough.
const hubFetcher = createGraphiQLFetcher({ url: '/graphql', fetch: session.fetch, enableIncrementalDelivery: false });
// Just after a change of tab GraphiQL may still name the previous tab's operation: the request names the document's.
const fetcher: Fetcher = (params, options) => hubFetcher({ ...params, operationName: operationToRun(params.query, params.operationName) }, options);

const untilFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** Says under the response whether the page sends a token, and until when. */
function SessionStatus({ session }: { session: SessionFetch }) {
  // A string snapshot: useSyncExternalStore compares snapshots with Object.is.
  const expiresAt = useSyncExternalStore(session.subscribe, () => {
    const current = session.current();
    return current ? (current.expiresAt ?? '') : null;
  });
  if (expiresAt === null) {
    return (
      <p className="session-status" data-signed-in="false" role="status">
        Non connecté : lancez l’onglet <strong>SeConnecter</strong> pour que vos requêtes portent votre jeton.
      </p>
    );
  }
  return (
    <p className="session-status" data-signed-in="true" role="status">
      Connecté : chaque requête porte votre jeton (en-tête Authorization: Bearer …)
      {expiresAt ? ` jusqu’au ${untilFormat.format(new Date(expiresAt))}` : ''}. L’onglet <strong>SeDeconnecter</strong>{' '}
      le révoque.
    </p>
  );
}

createRoot(container).render(
  <GraphiQL
    fetcher={fetcher}
    defaultTabs={graphiqlDefaultTabs(new Date())}
    defaultEditorToolsVisibility="variables"
    isHeadersEditorEnabled
  >
    <GraphiQL.Logo>Territoire Achats</GraphiQL.Logo>
    <GraphiQL.Footer>
      <SessionStatus session={session} />
    </GraphiQL.Footer>
  </GraphiQL>,
);
