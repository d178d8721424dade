import type { Notice } from '../hub/types.js';
import { AnchoredList, type AnchorCut, type AnchoredPage } from './anchored-pages.js';
import { derivedFrom } from './list-lineage.js';
import type { OpenCardData } from './card-html.js';

// What the filter script reads in the browser: the open notices of one facet value, soonest deadline first, as
// compact rows (card-html.ts). At 50,000 open notices one value holds up to 40,000 of them, 8.7 MB in one file that
// every publication touching the value wrote and compressed again. The rows are cut into parts by their notices, as
// the open lists are cut into pages (anchored-pages.ts), only larger: a publication or a closure changes its own part
// and the first file, which counts the rows and names every part; the other parts keep their bytes and addresses.
//
// - `/avis/<facet>/<slug>.json`: `{ "total": n, "parts": ["/avis/…/lignes/<ref>.json", …], "notices": [rows] }`,
//   the first part's rows, and the addresses of the further parts in order (none for most values);
// - `/avis/<facet>/<slug>/lignes/<ref>.json`: `{ "notices": [rows] }`, the part after the notice `<ref>`.

/** About 1,000 rows (about 200 KB) a part, never more than 4,096: parts end on anchors of the list's pages too. */
export const FILTER_DATA_CUT: AnchorCut = { spacing: 1024, min: 256, max: 4096 };

const cut = new WeakMap<readonly Notice[], AnchoredList<Notice>>();

/** A facet value's open notices (the read model's array) cut into parts, once per list. */
export function filterDataParts(notices: readonly Notice[]): AnchoredList<Notice> {
  let parts = cut.get(notices);
  if (!parts) {
    // From the parts of the list it was worked out from, when cut: only the stretch that changed is cut again.
    const from = derivedFrom(notices);
    const before = from && cut.get(from);
    parts = new AnchoredList(notices, (notice) => notice.reference, FILTER_DATA_CUT, before ? { items: from, list: before } : undefined);
    cut.set(notices, parts);
  }
  return parts;
}

/** What the first file of a value holds besides its rows: the number of rows and the further parts' names. */
export interface FilterDataIndex {
  total: number;
  /** the names (`after`) of the parts after the first, in order */
  parts: string[];
  first: AnchoredPage<Notice>;
}

export function filterDataIndex(notices: readonly Notice[]): FilterDataIndex {
  const { pages } = filterDataParts(notices);
  return { total: notices.length, parts: pages.slice(1).map((page) => page.after as string), first: pages[0]! };
}

/** The first file's JSON. */
export function filterIndexJson(total: number, partPaths: readonly string[], rows: readonly OpenCardData[]): string {
  return JSON.stringify({ total, parts: partPaths, notices: rows });
}

/** A further part's JSON. */
export function filterPartJson(rows: readonly OpenCardData[]): string {
  return JSON.stringify({ notices: rows });
}

/** The rows of a value in the browser: its first file, then every further part it names (fetched together), in order. */
export async function fetchFilterRows(indexPath: string, fetchJson: (path: string) => Promise<unknown>): Promise<OpenCardData[]> {
  const index = (await fetchJson(indexPath)) as { parts?: string[]; notices: OpenCardData[] };
  const parts = await Promise.all((index.parts ?? []).map(async (part) => ((await fetchJson(part)) as { notices: OpenCardData[] }).notices));
  return [...index.notices, ...parts.flat()];
}
