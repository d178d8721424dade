import type { SiteData } from '../notices/catalogue.js';
import { HubError, queryHub, type HubClientOptions } from './client.js';
import { NOTICES_PAGE_QUERY, PUBLIC_STATUSES, REFERENCE_DATA_QUERY } from './queries.js';
import type { Commune, Notice, Organisation, PurchasingFamily } from './types.js';

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

async function loadNoticePages(client: HubClientOptions, pageSize = PAGE_SIZE): Promise<Notice[]> {
  const notices: Notice[] = [];
  const seenCursors = new Set<string>();
  let after: string | null = null;
  let totalCount = 0;
  for (;;) {
    const page: NoticesPage = await queryHub<NoticesPage>(client, NOTICES_PAGE_QUERY, {
      first: pageSize,
      after,
      statuses: PUBLIC_STATUSES,
    });
    const { edges, pageInfo } = page.notices;
    totalCount = page.notices.totalCount;
    notices.push(...edges.map((edge) => edge.node));
    if (!pageInfo.hasNextPage) break;
    if (edges.length === 0 || !pageInfo.endCursor || seenCursors.has(pageInfo.endCursor)) {
      throw new HubError(`the hub's pagination does not advance (after ${notices.length} of ${totalCount} notices)`);
    }
    seenCursors.add(pageInfo.endCursor);
    after = pageInfo.endCursor;
  }

  const references = new Set(notices.map((n) => n.reference));
  if (notices.length !== totalCount || references.size !== notices.length) {
    throw new HubDataChangedError(
      `the hub announced ${totalCount} public notices but returned ${references.size} distinct ones ` +
        `(${notices.length} rows); its data probably changed during the build, which must be run again`,
    );
  }
  const draft = notices.find((n) => n.status === 'DRAFT');
  if (draft) throw new HubError(`the hub's public API returned the draft notice ${draft.reference}`);
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
