import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from './hub-process.js';

// The independent parsers the tests use are dev dependencies of the site package; pnpm keeps them there, so they
// are resolved from the site's own package.json.
const requireFromSite = createRequire(path.join(REPO_ROOT, 'site/package.json'));

export interface ParsedCalendarComponent {
  type: string;
  uid?: string;
  summary?: string;
  start?: Date;
  url?: string | { val: string };
}

export const nodeIcal = requireFromSite('node-ical') as {
  sync: { parseICS: (text: string) => Record<string, ParsedCalendarComponent> };
};

export const { XMLParser } = requireFromSite('fast-xml-parser') as {
  XMLParser: new (options?: Record<string, unknown>) => { parse: (xml: string) => any };
};

export const { SaxesParser } = requireFromSite('saxes') as typeof import('saxes');
