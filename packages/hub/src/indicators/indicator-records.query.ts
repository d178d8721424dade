import type { EntityManager } from '@mikro-orm/sqlite';
import { Notice } from '../notices/notice.entity.js';
import { getTerritory, getVarCommune } from '../reference/territory.js';
import { parisDateOf } from '../shared/paris-calendar.js';
import type { IndicatorNotice } from './indicator-records.js';

/**
 * Every published notice as the indicators read it. An estimate the buyer keeps private is left out (null), so no
 * aggregate can reveal it.
 */
export async function loadIndicatorRecords(em: EntityManager): Promise<IndicatorNotice[]> {
  const notices = await em.find(
    Notice,
    { status: { $ne: 'DRAFT' }, publishedAt: { $ne: null } },
    { populate: ['organisation', 'family', 'lots', 'lots.award'] },
  );
  return notices.map((notice) => {
    const family = notice.family?.getEntity() ?? null;
    const place = notice.placeOfPerformanceInsee;
    return {
      organisationSiren: notice.organisation.getEntity().siren,
      familySlug: family?.slug ?? null,
      familyName: family?.name ?? null,
      nature: notice.nature,
      procedure: notice.procedure,
      placeInsee: place,
      placeName: place ? (getVarCommune(place)?.name ?? place) : null,
      publishedOn: parisDateOf(notice.publishedAt!),
      cancelled: notice.status === 'CANCELLED',
      environmentalClause: notice.environmentalClause,
      socialClause: notice.socialClause,
      reserved: notice.reservedFor !== 'NONE',
      lots: notice.lots.getItems().map((lot) => {
        const award = lot.award?.getEntity() ?? null;
        return {
          estimatedValue: notice.estimatedValuePublic ? lot.estimatedValue : null,
          award: award
            ? { amount: award.amount ?? null, sme: award.sme ?? null, supplierInseeCode: award.supplierInseeCode, awardedOn: award.awardedOn }
            : null,
        };
      }),
    };
  });
}

/** The agglomeration's communes, for "suppliers of the territory". */
export function territoryInseeCodes(): Set<string> {
  return new Set(getTerritory().communes.map((commune) => commune.inseeCode));
}
