import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';
import { CATEGORIES, METHODS, classification, partyOf, type OcdsRelease } from '../opendata/export/ocds.js';
import { amountBand } from './amount-bands.js';
import { quarterEnd, quarterStart, type LaunchQuarter } from './launch-quarter.js';
import { PlannedPurchase } from './planned-purchase.entity.js';

/**
 * OCDS 1.1.5 `planning` releases of a planned purchase that has been public. Its ocid is the one the notice that
 * launches it goes on with (`ocidOf` in `opendata/export/ocds.ts`): one contracting process from plan to award.
 * A withdrawn one adds a `planningUpdate` whose tender is `withdrawn`. The estimate is a band, said in words: an
 * amount would claim a precision the plan does not have.
 */
export function planningReleases(plan: PlannedPurchase, prefix: string): OcdsRelease[] {
  if (!plan.publishedAt) return [];
  const organisation = plan.organisation.getEntity();
  const buyer = partyOf(organisation);
  const ocid = `${prefix}-${plan.reference}`;
  const quarter: LaunchQuarter = { year: plan.launchYear, quarter: plan.launchQuarter as LaunchQuarter['quarter'] };
  const method = METHODS[plan.procedure];
  const release = (id: string, date: Date, tag: string, status: string): OcdsRelease => ({
    ocid,
    id: `${ocid}-${id}`,
    date: date.toISOString(),
    tag: [tag],
    initiationType: 'tender',
    language: 'fr',
    parties: [buyer],
    buyer: { id: buyer.id, name: organisation.name },
    planning: {
      rationale: 'Programmation prévisionnelle des achats',
      budget: { description: `Montant estimé : ${amountBand(plan.amountBand).label}` },
    },
    tender: {
      id: plan.reference,
      title: plan.subject,
      ...(plan.description ? { description: plan.description } : {}),
      status,
      procurementMethod: method.method,
      procurementMethodDetails: method.details,
      mainProcurementCategory: CATEGORIES[plan.nature],
      // The quarter in which the notice is expected: the OCDS way to say "when", as a period.
      tenderPeriod: { startDate: quarterStart(quarter).toISOString(), endDate: new Date(quarterEnd(quarter).getTime() - 1000).toISOString() },
      items: [{ id: '1', description: plan.subject, classification: classification(plan.cpv) }],
    },
  });
  const releases = [release('planning', plan.publishedAt, 'planning', 'planned')];
  if (plan.status === 'WITHDRAWN' && plan.withdrawnAt) releases.push(release('planning-withdrawn', plan.withdrawnAt, 'planningUpdate', 'withdrawn'));
  return releases;
}

/** Every planned purchase that has been public, in pages of entities (a plan holds hundreds, not millions). */
export async function* publicPlannedPurchases(orm: MikroORM, pageSize = 500): AsyncGenerator<PlannedPurchase> {
  let after = '';
  for (;;) {
    const em = orm.em.fork() as EntityManager;
    const page = await em.find(
      PlannedPurchase,
      { publishedAt: { $ne: null }, id: { $gt: after } },
      { populate: ['organisation'], orderBy: { id: 'asc' }, limit: pageSize },
    );
    yield* page;
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.id;
  }
}
