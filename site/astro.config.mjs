import { defineConfig } from 'astro/config';
import { officialOpenData } from './src/integrations/official-open-data.ts';
import { siteRendererAdapter } from './src/render/adapter.ts';

// The public address of the site, for feeds, calendars and the sitemap (absolute links are read off-site).
const site = process.env.SITE_URL || 'http://localhost:4321';

// `site/scripts/build.mjs` and the publisher's renderer build the site as a server bundle and render every route
// with it (src/render/); `astro dev` and `astro check` see the plain static site.
const serverBuild = process.env.SITE_SERVER_BUILD === '1';

export default defineConfig({
  site,
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  ...(serverBuild ? { output: 'server', adapter: siteRendererAdapter() } : {}),
  // No telemetry, no prefetch, nothing fetched from the network at build time or in the browser.
  prefetch: false,
  devToolbar: { enabled: false },
  integrations: [officialOpenData()],
});
