import { defineConfig } from 'astro/config';
import { officialOpenData } from './src/integrations/official-open-data.ts';
import { sitemap } from './src/integrations/sitemap.ts';

// The public address of the site, for feeds, calendars and the sitemap (absolute links are read off-site).
const site = process.env.SITE_URL || 'http://localhost:4321';

export default defineConfig({
  site,
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  // No telemetry, no prefetch, nothing fetched from the network at build time or in the browser.
  prefetch: false,
  devToolbar: { enabled: false },
  integrations: [officialOpenData(), sitemap()],
});
