import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/sqlite';
import {
  communeOrganisationRecords,
  organisationRecordsByIds,
  type OrganisationRecord,
} from '../organisations/organisation.read-model.js';
import { purchasingFamilyRecordsByIds, type PurchasingFamilyRecord } from '../families/purchasing-family.read-model.js';
import { Lot } from '../notices/lot.entity.js';
import { LOT_FIELDS_WITHOUT_AWARD, lotRecordsOfNotices, type LotRecord } from '../notices/lot.read-model.js';
import { Corrigendum } from '../notices/corrigendum.entity.js';
import type { PurchasingGroup } from '../groups/purchasing-group.entity.js';
import { purchasingGroupLoader } from '../groups/purchasing-group.loader.js';
import type { FrameworkOrder } from '../groups/framework-order.entity.js';
import { frameworkOrdersLoader } from '../groups/framework-order.loader.js';

/**
 * Batches relation loads per request: a page of notices loads its organisations, families, lots (with awards)
 * and corrigenda in one statement each, whatever the page size. Organisations, families and lots for views come
 * as plain records read from SQL rows: a page of public notices shows hundreds of them, and hydrating entities
 * cost more than the rest of the request.
 */
export interface Loaders {
  organisation: DataLoader<string, OrganisationRecord | undefined>;
  organisationByInsee: DataLoader<string, OrganisationRecord | undefined>;
  family: DataLoader<string, PurchasingFamilyRecord | undefined>;
  /** Lots with their awards, for views. */
  lotRecordsOfNotice: DataLoader<string, LotRecord[]>;
  /** Lots for views that do not show awards (`award` is null). */
  lotRecordsWithoutAwardOfNotice: DataLoader<string, LotRecord[]>;
  /** Lot entities, for rules that need them (a framework agreement's consumption). */
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
    organisation: new DataLoader(async (ids) => byId(await organisationRecordsByIds(em, ids), ids)),
    organisationByInsee: new DataLoader(async (codes) => {
      const rows = await communeOrganisationRecords(em, codes);
      const map = new Map(rows.map((row) => [row.inseeCode, row]));
      return codes.map((code) => map.get(code));
    }),
    family: new DataLoader(async (ids) => byId(await purchasingFamilyRecordsByIds(em, ids), ids)),
    lotRecordsOfNotice: new DataLoader(async (ids) =>
      groupBy(await lotRecordsOfNotices(em, ids), ids, (lot) => lot.noticeId),
    ),
    lotRecordsWithoutAwardOfNotice: new DataLoader(async (ids) =>
      groupBy(await lotRecordsOfNotices(em, ids, LOT_FIELDS_WITHOUT_AWARD), ids, (lot) => lot.noticeId),
    ),
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
