import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import { Notice } from '../notices/notice.entity.js';
import { NoticeService } from '../notices/notice.service.js';
import { earliestDeadline } from '../notices/response-times.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { fixedClock, type Clock } from '../shared/clock.js';
import { parisDateOf, startOfParisDay } from '../shared/paris-calendar.js';
import type { HubConfig } from '../shared/config.js';
import { StaffMember } from '../staff/staff-member.entity.js';
import { createStaffAccount } from '../staff/staff-account.service.js';
import { DEMO_NOTICES, type DemoNotice } from './demo-notices.js';
import { seedDemoAdvice, type DemoAdviceSummary } from './demo-advice.seed.js';
import { seedDemoNetwork } from './demo-network.seed.js';
import { seedDemoPlan } from './demo-plan.seed.js';
import { seedDemoSirets } from './demo-sirets.js';
import { seedTrainings, type TrainingSeedSummary } from './trainings.seed.js';
import { demoBuyerSiren } from './demo-buyers.js';

/** Demo accounts share one password, printed by `pnpm start`; demo data is refused in production. */
export const DEMO_PASSWORD = 'demo-dracenie-2026';

export const DEMO_STAFF = [
  { email: 'commande.publique.admin@demo.dracenie.example', name: 'Camille Martin', organisation: 'CAD', role: 'ADMIN' },
  { email: 'acheteur.agglo@demo.dracenie.example', name: 'Nadia Benali', organisation: 'CAD', role: 'BUYER' },
  { email: 'acheteur@demo.draguignan.example', name: 'Julien Bernard', organisation: '83050', role: 'BUYER' },
  { email: 'lecteur@demo.draguignan.example', name: 'Luc Petit', organisation: '83050', role: 'VIEWER' },
  { email: 'acheteuse@demo.lorgues.example', name: 'Sophie Garcia', organisation: '83072', role: 'BUYER' },
  { email: 'acheteur@demo.vidauban.example', name: 'Marc Roux', organisation: '83148', role: 'BUYER' },
  { email: 'acheteuse@demo.lemuy.example', name: 'Claire Fontaine', organisation: '83086', role: 'BUYER' },
  { email: 'formatrice@demo.dracenie.example', name: 'Isabelle Moreau', organisation: 'CAD', role: 'TRAINER' },
] as const;

const DAY = 86_400_000;

/** 12:00 in Europe/Paris on the Paris calendar day of `instant`, whatever the daylight-saving offset. */
export function parisNoon(instant: Date): Date {
  return new Date(startOfParisDay(parisDateOf(instant)).getTime() + 12 * 3600_000);
}

export interface DemoSummary {
  staffCreated: number;
  noticesCreated: number;
  plannedPurchasesCreated?: number;
  siretsSet?: number;
  trainings?: TrainingSeedSummary;
  advice?: DemoAdviceSummary;
}

/**
 * A believable demo: staff of several communes, and notices in every status, written through the same services
 * staff use, on a simulated timeline so that past notices were published, corrected and awarded in the past.
 * Running it again changes nothing: existing accounts and notices (by title and buyer) are left alone.
 */
export async function seedDemo(em: EntityManager, config: HubConfig, now: Date): Promise<DemoSummary> {
  const summary: DemoSummary = { staffCreated: 0, noticesCreated: 0 };
  for (const staff of DEMO_STAFF) {
    if (await em.count(StaffMember, { email: staff.email })) continue;
    await createStaffAccount(em, { ...staff, organisationSiren: demoBuyerSiren(staff.organisation), password: DEMO_PASSWORD });
    summary.staffCreated++;
  }
  // Before the notices: their awarded contracts then reach decp.json.
  summary.siretsSet = await seedDemoSirets(em.fork(), { now: () => now });
  const admin = await em.findOneOrFail(StaffMember, { email: DEMO_STAFF[0].email });
  const adminActor: Actor = { staffMemberId: admin.id, organisationId: admin.organisation.id, role: 'ADMIN', tokenHash: '' };

  for (const demo of DEMO_NOTICES) {
    const organisation = await em.findOneOrFail(Organisation, { siren: demoBuyerSiren(demo.buyer) });
    if (await em.count(Notice, { organisation, title: demo.title })) continue;
    await playDemoNotice(em.fork(), config, adminActor, organisation.siren, demo, now);
    summary.noticesCreated++;
  }
  await new NoticeService({ em: em.fork(), actor: adminActor, clock: { now: () => now }, config }).closeDueNotices();
  await seedDemoNetwork(em.fork(), adminActor, now);
  summary.plannedPurchasesCreated = await seedDemoPlan(em.fork(), config, adminActor, now);
  // After the network: requests go to the families' correspondents.
  summary.advice = await seedDemoAdvice(em.fork(), config, now);
  // After the notices: the charter it publishes would otherwise hold back the admin who plays them.
  summary.trainings = await seedTrainings(em, config, now);
  return summary;
}

async function playDemoNotice(em: EntityManager, config: HubConfig, actor: Actor, siren: string, demo: DemoNotice, now: Date) {
  const publishedAt = new Date(now.getTime() - demo.publishedDaysAgo * DAY - 3 * 3600_000);
  const wanted = new Date(publishedAt.getTime() + demo.responseDays * DAY);
  // Weekends and holidays can push the legal minimum past the wanted day: never seed an unpublishable notice.
  const earliest = earliestDeadline(publishedAt, demo.procedure, {
    electronicSubmission: true,
    adaptedReasonableDays: config.adaptedProcedureMinDays,
  });
  const deadline = parisNoon(wanted > earliest ? wanted : earliest);
  const clock = fixedClock(publishedAt);
  const service = new NoticeService({ em, actor, clock, config } satisfies { em: EntityManager; actor: Actor; clock: Clock; config: HubConfig });
  const notice = await service.create({
    organisationSiren: siren,
    title: demo.title,
    description: demo.description,
    nature: demo.nature,
    procedure: demo.procedure,
    mainCpv: demo.cpv,
    estimatedValue: demo.estimatedValue,
    placeOfPerformanceInseeCode: demo.place,
    submissionDeadline: deadline,
    buyerProfileUrl: `https://marches.example/dracenie/consultation/${demo.buyer.toLowerCase()}-${Math.round(publishedAt.getTime() / DAY)}`,
    contactEmail: demo.buyer === 'CAD' ? 'commande.publique@demo.dracenie.example' : `marches@demo.mairie-${demo.buyer}.example`,
    socialClause: demo.socialClause ?? false,
    environmentalClause: demo.environmentalClause ?? false,
    reservedFor: demo.reservedFor ?? 'NONE',
    frameworkAgreement: demo.framework ?? null,
    lots: demo.lots.map(({ title, cpv, estimatedValue }) => ({ title, cpv, estimatedValue })),
  });
  if (demo.outcome === 'draft') return;
  await service.publish(notice.reference);

  if (demo.outcome === 'corrected') {
    clock.set(new Date(publishedAt.getTime() + 2 * DAY));
    await service.correct(notice.reference, {
      reason: 'Report de la date limite pour permettre une visite des locaux supplémentaire.',
      submissionDeadline: new Date(deadline.getTime() + 7 * DAY),
    });
  }
  if (demo.outcome === 'cancelled') {
    clock.set(new Date(publishedAt.getTime() + 5 * DAY));
    await service.cancel(notice.reference, 'Procédure déclarée sans suite pour motif d’intérêt général : redéfinition du besoin après diagnostic.');
  }
  const decidedAt = new Date(deadline.getTime() + 12 * DAY);
  if (!['awarded', 'partly-unsuccessful', 'unsuccessful'].includes(demo.outcome) || decidedAt > now) return;
  clock.set(decidedAt);
  for (const [index, lot] of demo.lots.entries()) {
    if (lot.award) {
      await service.awardLot(notice.reference, index + 1, { ...lot.award, awardedOn: decidedAt.toISOString().slice(0, 10) });
    } else {
      await service.declareLotUnsuccessful(notice.reference, index + 1, 'Aucune offre reçue.');
    }
  }
}
