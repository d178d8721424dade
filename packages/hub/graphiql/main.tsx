import './workers.js';
import 'graphiql/style.css';
import './page.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import { defaultQuery } from './default-query.js';

const container = document.getElementById('graphiql');
if (!container) throw new Error('GraphiQL container #graphiql is missing from the page');

// Same origin: the page is served by the hub at /graphql, next to the API it explores.
const fetcher = createGraphiQLFetcher({ url: '/graphql' });

createRoot(container).render(
  <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery} defaultEditorToolsVisibility="headers" isHeadersEditorEnabled>
    <GraphiQL.Logo>Territoire Achats</GraphiQL.Logo>
  </GraphiQL>,
);
