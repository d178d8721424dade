import { afterEach, describe, expect, it } from 'vitest';
import { fakeHubsClosedAfterEach, json, type Handler } from '../test-support/fake-hub.js';
import { forgetPlan, getPlan, loadPlannedPurchases, refreshPlan } from './load.js';
import { aPlannedPurchase } from './test-builders.js';
import type { PlannedPurchase } from './types.js';

const hubAnswering = fakeHubsClosedAfterEach();

const plans = Array.from({ length: 5 }, (_, i) => aPlannedPurchase({ reference: `PREV-2026-DRA-000${i + 1}` }));

/** Pages of `first` over `all`, with opaque cursors; `totalCount` can lie to simulate a hub whose data changed. */
function paginated(all: PlannedPurchase[], options: { totalCount?: number } = {}): Handler {
  return ({ variables }, res) => {
    const first = variables.first as number;
    const start = variables.after ? Number(atob(variables.after as string)) : 0;
    const slice = all.slice(start, start + first);
    json(res, {
      data: {
        plannedPurchases: {
          totalCount: options.totalCount ?? all.length,
          pageInfo: { hasNextPage: start + first < all.length, endCursor: btoa(String(start + slice.length)) },
          edges: slice.map((node) => ({ node })),
        },
      },
    });
  };
}

describe('loading the public plan', () => {
  it('follows the cursor to the last page, asking for every public status, withdrawn included', async () => {
    const hub = await hubAnswering(paginated(plans));
    const loaded = await loadPlannedPurchases({ endpoint: hub.endpoint }, 2);
    expect(loaded.map((plan) => plan.reference)).toEqual(plans.map((plan) => plan.reference));
    expect(hub.requests.map((request) => request.variables.after)).toEqual([null, btoa('2'), btoa('4')]);
    expect(hub.requests[0]!.variables.statuses).toEqual(['PUBLISHED', 'LAUNCHED', 'WITHDRAWN']);
  });

  it('fails when the pages hold fewer lines than the hub announced: a partial plan is never published', async () => {
    const hub = await hubAnswering(paginated(plans, { totalCount: 6 }));
    await expect(loadPlannedPurchases({ endpoint: hub.endpoint }, 2)).rejects.toThrow(/announced 6 public planned purchases but returned 5/);
  });

  it('fails when the public answer holds a line in a status that is not public', async () => {
    const draft = { ...aPlannedPurchase({ reference: 'PREV-2026-DRA-0009' }), status: 'DRAFT' } as unknown as PlannedPurchase;
    const hub = await hubAnswering(paginated([...plans, draft]));
    await expect(loadPlannedPurchases({ endpoint: hub.endpoint })).rejects.toThrow(/PREV-2026-DRA-0009 in status DRAFT/);
  });
});

describe('reading the plan again beside the releases', () => {
  const hubUrlBefore = process.env.HUB_URL;
  afterEach(() => {
    forgetPlan();
    if (hubUrlBefore === undefined) delete process.env.HUB_URL;
    else process.env.HUB_URL = hubUrlBefore;
  });

  it('keeps the plan held while the hub answers, puts the new one in place once read, and keeps the old one if the read fails', async () => {
    let answer: PlannedPurchase[] = plans.slice(0, 1);
    let failing = false;
    let holding = false;
    const held: (() => void)[] = [];
    const hub = await hubAnswering((request, res) => {
      const respond = () => (failing ? json(res, { errors: [{ message: 'la base est indisponible' }] }, 500) : paginated(answer)(request, res));
      if (holding) held.push(respond);
      else respond();
    });
    process.env.HUB_URL = hub.endpoint;
    forgetPlan();
    expect((await getPlan()).plannedPurchases).toHaveLength(1);

    // The hub holds its answer to the new read: a page asking for the plan meanwhile gets the one held, at once.
    answer = plans;
    holding = true;
    const refreshed = refreshPlan();
    expect((await getPlan()).plannedPurchases).toHaveLength(1);
    holding = false;
    for (const respond of held.splice(0)) respond();
    await refreshed;
    expect((await getPlan()).plannedPurchases).toHaveLength(5);

    failing = true;
    await expect(refreshPlan()).rejects.toThrow();
    expect((await getPlan()).plannedPurchases).toHaveLength(5);
  });
});
