import DataLoader from 'dataloader';
import { Notice } from '../notices/notice.entity.js';
import type { Context } from '../shared/context.js';
import { PlannedPurchaseQueries } from './planned-purchase.queries.js';
import type { PlannedPurchase } from './planned-purchase.entity.js';

interface PlanningLoaders {
  planOfNotice: DataLoader<string, PlannedPurchase | undefined>;
  notice: DataLoader<string, Notice | undefined>;
}

// Keyed by the request's context, so they are gone with the request.
const loaders = new WeakMap<Context, PlanningLoaders>();

/** Batches, per request, the planned purchases of a page of notices and the notices of a page of planned purchases. */
export function planningLoaders(ctx: Context): PlanningLoaders {
  let found = loaders.get(ctx);
  if (!found) {
    found = {
      planOfNotice: new DataLoader(async (ids) => {
        const plans = await new PlannedPurchaseQueries(ctx.em).byNotices(ids);
        return ids.map((id) => plans.get(id));
      }),
      notice: new DataLoader(async (ids) => {
        const notices = await ctx.em.find(Notice, { id: { $in: [...ids] } });
        const byId = new Map(notices.map((notice) => [notice.id, notice]));
        return ids.map((id) => byId.get(id));
      }),
    };
    loaders.set(ctx, found);
  }
  return found;
}
