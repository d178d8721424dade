import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * The site's own Astro adapter. The site is built as a server bundle (`output: 'server'`) whose entry exports the
 * build's manifest and the site renderer (`server-entry.ts`); no page is rendered by `astro build` itself. Both
 * schedules of the publisher, the full build and the incremental one, render every route through that one
 * renderer (`site-renderer.ts`), so the styles, scripts and markup of a page never depend on which schedule wrote it.
 */
export function siteRendererAdapter(): AstroIntegration {
  return {
    name: 'territoire-achats:site-renderer',
    hooks: {
      'astro:config:done': ({ setAdapter }) => {
        setAdapter({
          name: 'territoire-achats:site-renderer',
          serverEntrypoint: fileURLToPath(new URL('./server-entry.ts', import.meta.url)),
          exports: ['manifest', 'renderer'],
          adapterFeatures: { buildOutput: 'server', edgeMiddleware: false },
          supportedAstroFeatures: {
            serverOutput: 'stable',
            staticOutput: 'stable',
            hybridOutput: 'stable',
            // The site has no image to optimise; Astro's default image service is never called.
            sharpImageService: 'stable',
            envGetSecret: 'unsupported',
          },
        });
      },
    },
  };
}
