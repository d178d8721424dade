import { Ctx, Resolver } from 'type-graphql';
import type { Context } from '../shared/context.js';
import { StaffQuery } from '../shared/staff-only.js';
import { loadAlertSubscriptionCounts } from './alert-subscription-counts.query.js';
import { AlertCriterionCountType, AlertSubscriptionCountsType } from './alert-subscription-counts.type.js';

@Resolver()
export class AlertSubscriptionCountsResolver {
  @StaffQuery(() => AlertSubscriptionCountsType, {
    roles: ['ADMIN'],
    description: 'How many subscribe to the e-mail alerts: confirmed, pending, per mode and per kind of criterion. Counts only: no address is ever given.',
  })
  async alertSubscriptionCounts(@Ctx() ctx: Context): Promise<AlertSubscriptionCountsType> {
    const counts = await loadAlertSubscriptionCounts(ctx.em);
    return Object.assign(new AlertSubscriptionCountsType(), {
      ...counts,
      byCriterion: counts.byCriterion.map((row) => Object.assign(new AlertCriterionCountType(), row)),
    });
  }
}
