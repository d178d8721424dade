import { HubError, queryHub, type HubClientOptions } from './client.js';
import { NOTICE_QUERY, PUBLIC_STATUSES } from './queries.js';
import { withSharedParts } from './shared-parts.js';
import type { Notice } from './types.js';

/**
 * One notice as the site shows it, read again after an event named it; null when it is not public (any more):
 * the site then drops its page. The fields are those of the full download (NOTICE_FIELDS), so a notice read
 * alone renders exactly as it would in a full build.
 */
export async function loadNotice(client: HubClientOptions, reference: string): Promise<Notice | null> {
  const answer = await queryHub<{ notice: Notice | null }>(client, NOTICE_QUERY, { reference });
  const notice = answer.notice;
  if (!notice) return null;
  if (notice.reference !== reference) throw new HubError(`the hub answered notice ${notice.reference} for ${reference}`);
  return (PUBLIC_STATUSES as readonly string[]).includes(notice.status) ? withSharedParts(notice) : null;
}
