import type { SSRManifest } from 'astro';
import { createSiteRenderer } from './site-renderer.js';

// The entry of the site's server bundle (see adapter.ts): what site/scripts/ and the publisher import.
export function createExports(manifest: SSRManifest) {
  return { manifest, renderer: createSiteRenderer(manifest) };
}
