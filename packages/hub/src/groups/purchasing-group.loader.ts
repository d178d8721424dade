import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/sqlite';
import { PurchasingGroup } from './purchasing-group.entity.js';

/** Groups of a page of notices, with their coordinators and members, in one batch. */
export function purchasingGroupLoader(em: EntityManager): DataLoader<string, PurchasingGroup | undefined> {
  return new DataLoader(async (ids) => {
    const groups = await em.find(PurchasingGroup, { id: { $in: [...ids] } }, { populate: ['coordinator', 'members'] });
    const byId = new Map(groups.map((group) => [group.id, group]));
    return ids.map((id) => byId.get(id));
  });
}
