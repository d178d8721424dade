import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/sqlite';
import { FrameworkOrder } from './framework-order.entity.js';

/** Orders of a page of framework notices, oldest first, in one batch. */
export function frameworkOrdersLoader(em: EntityManager): DataLoader<string, FrameworkOrder[]> {
  return new DataLoader(async (noticeIds) => {
    const orders = await em.find(
      FrameworkOrder,
      { notice: { $in: [...noticeIds] } },
      { orderBy: [{ orderedOn: 'asc' }, { reference: 'asc' }] },
    );
    const groups = new Map<string, FrameworkOrder[]>(noticeIds.map((id) => [id, []]));
    for (const order of orders) groups.get(order.notice.id)?.push(order);
    return noticeIds.map((id) => groups.get(id) ?? []);
  });
}
