import type { SiteData } from '../notices/catalogue.js';
import { HubError, queryHub, type HubClientOptions } from './client.js';
import { NOTICES_PAGE_QUERY, PUBLIC_STATUSES, REFERENCE_DATA_QUERY } from './queries.js';
import type { Commune, Notice, Organisation, PurchasingFamily } from './types.js';
import { withSharedParts } from './shared-parts.js';

/** The hub's maximum page size. */
export const PAGE_SIZE = 200;

interface NoticesPage {
  notices: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: Notice }[];
  };
}

interface ReferenceData {
  organisations: Organisation[];
  communes: Commune[];
  purchasingFamilies: PurchasingFamily[];
}

/** Raised when the pages do not add up, which a concurrent publication can cause: worth one more try. */
export class HubDataChangedError extends HubError {
  override name = 'HubDataChangedError';
}

/**
 * Every public notice, page after page. Anything short of the full list is an error: a site that silently lists
 * part of the tenders is worse than no new site at all (the publisher keeps the previous one online).
 */
export async function loadAllNotices(client: HubClientOptions, pageSize = PAGE_SIZE): Promise<Notice[]> {
  try {
    return await loadNoticePages(client, pageSize);
  } catch (error) {
    if (!(error instanceof HubDataChangedError)) throw error;
    return loadNoticePages(client, pageSize);
  }
}

/**
 * Every public notice, page after page; `onPage`, when given, receives each page's notices as soon as they are
 * checked and is awaited while the hub answers the next request. A draft fails at once; pages that do not add up
 * fail at the end with HubDataChangedError, after `onPage` saw them.
 */
async function loadNoticePages(
  client: HubClientOptions,
  pageSize = PAGE_SIZE,
  onPage?: (notices: Notice[]) => Promise<void>,
): Promise<Notice[]> {
  const notices: Notice[] = [];
  const seenCursors = new Set<string>();
  const request = (after: string | null) => {
    const answer = queryHub<NoticesPage>(client, NOTICES_PAGE_QUERY, { first: pageSize, after, statuses: PUBLIC_STATUSES });
    // Awaited once the page before it is handled; not left unhandled meanwhile.
    answer.catch(() => undefined);
    return answer;
  };
  let next: Promise<NoticesPage> | undefined = request(null);
  let totalCount = 0;
  while (next) {
    const page: NoticesPage = await next;
    const { edges, pageInfo } = page.notices;
    totalCount = page.notices.totalCount;
    // Their repeated parts held once (shared-parts.ts): the publisher's renderer keeps every notice for days.
    const nodes = edges.map((edge) => withSharedParts(edge.node));
    const draft = nodes.find((n) => n.status === 'DRAFT');
    if (draft) throw new HubError(`the hub's public API returned the draft notice ${draft.reference}`);
    notices.push(...nodes);
    next = undefined;
    if (pageInfo.hasNextPage) {
      if (edges.length === 0 || !pageInfo.endCursor || seenCursors.has(pageInfo.endCursor)) {
        throw new HubError(`the hub's pagination does not advance (after ${notices.length} of ${totalCount} notices)`);
      }
      seenCursors.add(pageInfo.endCursor);
      next = request(pageInfo.endCursor);
    }
    await onPage?.(nodes);
  }

  const references = new Set(notices.map((n) => n.reference));
  if (notices.length !== totalCount || references.size !== notices.length) {
    throw new HubDataChangedError(
      `the hub announced ${totalCount} public notices but returned ${references.size} distinct ones ` +
        `(${notices.length} rows); its data probably changed during the build, which must be run again`,
    );
  }
  return notices;
}

export interface LoadOptions extends HubClientOptions {
  now?: () => Date;
}

export async function loadSiteData(options: LoadOptions): Promise<SiteData> {
  const { now = () => new Date() } = options;
  // The clock is read after the download: a deadline that passes meanwhile counts as passed (the safe side).
  const [notices, reference] = await Promise.all([
    loadAllNotices(options),
    queryHub<ReferenceData>(options, REFERENCE_DATA_QUERY),
  ]);
  return {
    builtAt: now(),
    notices,
    organisations: reference.organisations,
    communes: reference.communes,
    families: reference.purchasingFamilies,
  };
}

/**
 * The site's data read as `loadSiteData` does, but handed over as it arrives: `onNotices` receives each page of
 * notices with the reference data and the clock (read before the first notice, since pages render from it while
 * the next ones are read), and is awaited while the hub answers the next page. No second try: a HubDataChangedError
 * means what `onNotices` received must be thrown away, which only its caller can do.
 */
export async function loadSiteDataAsRead(
  options: LoadOptions,
  onNotices: (part: SiteData) => Promise<void>,
  pageSize = PAGE_SIZE,
): Promise<SiteData> {
  const { now = () => new Date() } = options;
  const builtAt = now();
  const referenceRead = queryHub<ReferenceData>(options, REFERENCE_DATA_QUERY);
  referenceRead.catch(() => undefined);
  const notices = await loadNoticePages(options, pageSize, async (page) => {
    const reference = await referenceRead;
    await onNotices({ builtAt, notices: page, organisations: reference.organisations, communes: reference.communes, families: reference.purchasingFamilies });
  });
  const reference = await referenceRead;
  return { builtAt, notices, organisations: reference.organisations, communes: reference.communes, families: reference.purchasingFamilies };
}
