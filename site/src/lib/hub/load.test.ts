import { describe, expect, it } from 'vitest';
import { aNotice } from '../test-support/builders.js';
import { fakeHubsClosedAfterEach, json, type Handler } from '../test-support/fake-hub.js';
import { HubDataChangedError, loadAllNotices, loadSiteData, loadSiteDataAsRead } from './load.js';
import type { Notice } from './types.js';

const hubAnswering = fakeHubsClosedAfterEach();

const notices = Array.from({ length: 5 }, (_, i) => aNotice({ reference: `2026-DRA-000${i + 1}` }));

/** Pages of `pageSize` over `all`, with opaque cursors; `totalCount` can lie to simulate a broken hub. */
function paginated(all: Notice[], options: { totalCount?: number; stuckCursor?: boolean } = {}): Handler {
  return ({ query, variables }, res) => {
    if (!query.includes('notices(')) {
      json(res, { data: { organisations: [], communes: [], purchasingFamilies: [] } });
      return;
    }
    const first = variables.first as number;
    const start = variables.after && !options.stuckCursor ? Number(atob(variables.after as string)) : 0;
    const slice = all.slice(start, start + first);
    json(res, {
      data: {
        notices: {
          totalCount: options.totalCount ?? all.length,
          pageInfo: { hasNextPage: start + first < all.length, endCursor: btoa(String(start + slice.length)) },
          edges: slice.map((node) => ({ node })),
        },
      },
    });
  };
}

describe('loading every public notice', () => {
  it('follows the cursor page after page until the last one', async () => {
    const hub = await hubAnswering(paginated(notices));
    const loaded = await loadAllNotices({ endpoint: hub.endpoint }, 2);
    expect(loaded.map((n) => n.reference)).toEqual(notices.map((n) => n.reference));
    expect(hub.requests.map((r) => r.variables.after)).toEqual([null, btoa('2'), btoa('4')]);
    expect(hub.requests[0]!.variables.statuses).toEqual(['PUBLISHED', 'CLOSED', 'AWARDED', 'UNSUCCESSFUL', 'CANCELLED']);
  });

  it('asks for pages of 200, the most the hub serves', async () => {
    const hub = await hubAnswering(paginated(notices));
    await loadAllNotices({ endpoint: hub.endpoint });
    expect(hub.requests).toHaveLength(1);
    expect(hub.requests[0]!.variables.first).toBe(200);
  });

  it('fails when the pages hold fewer notices than the hub announced, even on a second try', async () => {
    const hub = await hubAnswering(paginated(notices, { totalCount: 6 }));
    await expect(loadAllNotices({ endpoint: hub.endpoint }, 2)).rejects.toThrow(
      /announced 6 public notices but returned 5/,
    );
    expect(hub.requests).toHaveLength(6); // two full passes
  });

  it('tries once more when the data changed while it was read', async () => {
    let pass = 0;
    const hub = await hubAnswering((request, res) => {
      if (request.variables.after === null) pass += 1;
      paginated(notices, { totalCount: pass === 1 ? 6 : 5 })(request, res);
    });
    await expect(loadAllNotices({ endpoint: hub.endpoint }, 2)).resolves.toHaveLength(5);
  });

  it('fails when the cursor does not advance instead of looping', async () => {
    const hub = await hubAnswering(paginated(notices, { stuckCursor: true }));
    await expect(loadAllNotices({ endpoint: hub.endpoint }, 2)).rejects.toThrow(/pagination does not advance/);
  });

  it('fails when the public API returns a draft', async () => {
    const hub = await hubAnswering(paginated([aNotice({ status: 'DRAFT', isOpen: false })]));
    await expect(loadAllNotices({ endpoint: hub.endpoint })).rejects.toThrow(/draft notice 2026-DRA-0001/);
  });

  it('loads reference data alongside, and stamps the data with the clock read after the download', async () => {
    const hub = await hubAnswering(paginated(notices));
    const data = await loadSiteData({ endpoint: hub.endpoint, now: () => new Date('2026-12-01T09:00:00Z') });
    expect(data.notices).toHaveLength(5);
    expect(data.builtAt.toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(data.families).toEqual([]);
  });
});

describe('reading the site\'s data as it arrives', () => {
  it('hands over each page of notices with the reference data and the clock read before the first, while the next page is asked for', async () => {
    const family = { slug: 'travaux', name: 'Travaux', description: 'Bâtiment', cpvPrefixes: ['45'] };
    let secondPageAsked!: () => void;
    const secondPageArrived = new Promise<void>((resolve) => (secondPageAsked = resolve));
    const hub = await hubAnswering((request, res) => {
      if (!request.query.includes('notices(')) return json(res, { data: { organisations: [], communes: [], purchasingFamilies: [family] } });
      if (request.variables.after === btoa('2')) secondPageAsked();
      paginated(notices)(request, res);
    });
    const clock = [new Date('2026-12-01T09:00:00Z'), new Date('2026-12-01T09:05:00Z')];
    const parts: { references: string[]; builtAt: string; families: string[] }[] = [];
    const data = await loadSiteDataAsRead(
      { endpoint: hub.endpoint, now: () => clock.shift()! },
      async (part) => {
        // The first page is handled only once the hub was asked for the second: the reads go on meanwhile.
        if (parts.length === 0) await secondPageArrived;
        parts.push({ references: part.notices.map((n) => n.reference), builtAt: part.builtAt.toISOString(), families: part.families.map((f) => f.slug) });
      },
      2,
    );
    const stamp = '2026-12-01T09:00:00.000Z';
    expect(parts).toEqual([
      { references: ['2026-DRA-0001', '2026-DRA-0002'], builtAt: stamp, families: ['travaux'] },
      { references: ['2026-DRA-0003', '2026-DRA-0004'], builtAt: stamp, families: ['travaux'] },
      { references: ['2026-DRA-0005'], builtAt: stamp, families: ['travaux'] },
    ]);
    expect(data.notices.map((n) => n.reference)).toEqual(notices.map((n) => n.reference));
    expect(data.builtAt.toISOString()).toBe(stamp);
    expect(data.families).toEqual([family]);
  });

  it('fails without a second try when the pages do not add up, after handing them over', async () => {
    const hub = await hubAnswering(paginated(notices, { totalCount: 6 }));
    const handed: string[] = [];
    const reading = loadSiteDataAsRead({ endpoint: hub.endpoint }, async (part) => void handed.push(...part.notices.map((n) => n.reference)), 2);
    await expect(reading).rejects.toBeInstanceOf(HubDataChangedError);
    expect(handed).toHaveLength(5);
    expect(hub.requests.filter((r) => r.query.includes('notices('))).toHaveLength(3);
  });

  it('fails at the page that holds a draft, before handing it over', async () => {
    const hub = await hubAnswering(paginated([notices[0]!, notices[1]!, aNotice({ reference: '2026-DRA-0099', status: 'DRAFT', isOpen: false })]));
    const handed: string[] = [];
    const reading = loadSiteDataAsRead({ endpoint: hub.endpoint }, async (part) => void handed.push(...part.notices.map((n) => n.reference)), 2);
    await expect(reading).rejects.toThrow(/draft notice 2026-DRA-0099/);
    expect(handed).toEqual(['2026-DRA-0001', '2026-DRA-0002']);
  });
});
