import type { Notice } from './types.js';

/**
 * The parts of a notice that many notices repeat word for word — its buyer, its publicity (level, label and the
 * paragraph that explains it), its family, its place, its CPV codes — held once per distinct value instead of once
 * per notice. The publisher's renderer holds every notice of the territory for days: at 50,000 notices the
 * publicity's paragraphs alone were 33 MB of its heap for a few dozen distinct texts. The values are those the hub
 * gave (compared as JSON), so a page renders the same bytes; nothing of the site changes a notice once read.
 */
const shared = new Map<string, unknown>();
/** Distinct values past which the table is started again (a bound, whatever the hub sends). */
const MOST_SHARED = 100_000;

function share<T>(value: T): T {
  if (value === null || value === undefined || typeof value !== 'object') return value;
  const key = JSON.stringify(value);
  const found = shared.get(key);
  if (found !== undefined) return found as T;
  if (shared.size >= MOST_SHARED) shared.clear();
  shared.set(key, value);
  return value;
}

/** `notice`, as read from the hub, its repeated parts replaced by the one held object of the same value. */
export function withSharedParts(notice: Notice): Notice {
  notice.organisation = share(notice.organisation);
  notice.publicity = share(notice.publicity);
  notice.family = share(notice.family);
  notice.placeOfPerformance = share(notice.placeOfPerformance);
  notice.mainCpv = share(notice.mainCpv);
  if (notice.additionalCpvs) notice.additionalCpvs = notice.additionalCpvs.map(share);
  if (notice.purchasingGroup) notice.purchasingGroup = share(notice.purchasingGroup);
  for (const lot of notice.lots ?? []) lot.cpv = share(lot.cpv);
  return notice;
}
