import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/sqlite';
import { Organisation } from '../organisations/organisation.entity.js';
import { PurchasingFamily } from '../families/purchasing-family.entity.js';
import { Lot } from '../notices/lot.entity.js';
import { Corrigendum } from '../notices/corrigendum.entity.js';
import type { PurchasingGroup } from '../groups/purchasing-group.entity.js';
import { purchasingGroupLoader } from '../groups/purchasing-group.loader.js';
import type { FrameworkOrder } from '../groups/framework-order.entity.js';
import { frameworkOrdersLoader } from '../groups/framework-order.loader.js';

/**
 * Batches relation loads per request: a page of notices loads its organisations, families, lots (with awards)
 * and corrigenda in one statement each, whatever the page size.
 */
export interface Loaders {
  organisation: DataLoader<string, Organisation | undefined>;
  organisationByInsee: DataLoader<string, Organisation | undefined>;
  family: DataLoader<string, PurchasingFamily | undefined>;
  lotsOfNotice: DataLoader<string, Lot[]>;
  corrigendaOfNotice: DataLoader<string, Corrigendum[]>;
  purchasingGroup: DataLoader<string, PurchasingGroup | undefined>;
  frameworkOrdersOfNotice: DataLoader<string, FrameworkOrder[]>;
}

function byId<T extends { id: string }>(rows: T[], ids: readonly string[]): Array<T | undefined> {
  const map = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => map.get(id));
}

function groupBy<T>(rows: T[], ids: readonly string[], key: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const row of rows) groups.get(key(row))?.push(row);
  return ids.map((id) => groups.get(id) ?? []);
}

export function createLoaders(em: EntityManager): Loaders {
  return {
    organisation: new DataLoader(async (ids) => byId(await em.find(Organisation, { id: { $in: [...ids] } }), ids)),
    organisationByInsee: new DataLoader(async (codes) => {
      const rows = await em.find(Organisation, { inseeCode: { $in: [...codes] }, kind: 'COMMUNE' });
      const map = new Map(rows.map((row) => [row.inseeCode, row]));
      return codes.map((code) => map.get(code));
    }),
    family: new DataLoader(async (ids) => byId(await em.find(PurchasingFamily, { id: { $in: [...ids] } }), ids)),
    lotsOfNotice: new DataLoader(async (ids) => {
      const lots = await em.find(
        Lot,
        { notice: { $in: [...ids] } },
        { populate: ['award'], strategy: 'joined', orderBy: { number: 'asc' } },
      );
      return groupBy(lots, ids, (lot) => lot.notice.id);
    }),
    corrigendaOfNotice: new DataLoader(async (ids) => {
      const corrigenda = await em.find(Corrigendum, { notice: { $in: [...ids] } }, { orderBy: { publishedAt: 'asc' } });
      return groupBy(corrigenda, ids, (corrigendum) => corrigendum.notice.id);
    }),
    purchasingGroup: purchasingGroupLoader(em),
    frameworkOrdersOfNotice: frameworkOrdersLoader(em),
  };
}
