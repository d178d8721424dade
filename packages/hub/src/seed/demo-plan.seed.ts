import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import type { Nature, Reservation } from '../notices/notice-enums.js';
import { NoticeService } from '../notices/notice.service.js';
import type { Procedure } from '../notices/response-times.js';
import { Organisation } from '../organisations/organisation.entity.js';
import type { AmountBand } from '../planning/amount-bands.js';
import { quarterOf, type LaunchQuarter } from '../planning/launch-quarter.js';
import { PlannedPurchase } from '../planning/planned-purchase.entity.js';
import { PlannedPurchaseService } from '../planning/planned-purchase.service.js';
import { fixedClock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import { parisDateOf, startOfParisDay } from '../shared/paris-calendar.js';
import { demoBuyerSiren } from './demo-buyers.js';

const DAY = 86_400_000;

interface DemoPlan {
  buyer: 'CAD' | string;
  subject: string;
  description: string;
  cpv: string;
  nature?: Nature;
  /** Quarters after the current one (0: this quarter). */
  quartersAhead: number;
  amountBand: AmountBand;
  procedure: Procedure;
  place?: string;
  environmentalClause?: boolean;
  socialClause?: boolean;
  reservedFor?: Reservation;
  outcome: 'draft' | 'published' | 'withdrawn' | 'launched';
}

/** A believable plan: published lines of several buyers, a draft, a withdrawn one, and one a notice launched. */
export const DEMO_PLANS: DemoPlan[] = [
  {
    buyer: '83050',
    subject: 'Rénovation énergétique du gymnase Saint-Exupéry',
    description: 'Isolation de la toiture et des façades, remplacement de la production de chaleur, éclairage LED.',
    cpv: '45321000-3',
    quartersAhead: 2,
    amountBand: 'FROM_216K_TO_1M',
    procedure: 'ADAPTED',
    place: '83050',
    environmentalClause: true,
    socialClause: true,
    outcome: 'published',
  },
  {
    buyer: '83072',
    subject: 'Nettoyage des locaux communaux',
    description: 'Mairie, écoles, salle polyvalente et bibliothèque ; marché réservé aux structures d’insertion.',
    cpv: '90910000-9',
    quartersAhead: 1,
    amountBand: 'FROM_40K_TO_90K',
    procedure: 'ADAPTED',
    reservedFor: 'INSERTION',
    outcome: 'published',
  },
  {
    buyer: 'CAD',
    subject: 'Renouvellement des photocopieurs multifonctions',
    description: 'Location et maintenance d’environ 60 copieurs pour l’agglomération et les communes du groupement.',
    cpv: '30120000-6',
    quartersAhead: 3,
    amountBand: 'FROM_90K_TO_216K',
    procedure: 'OPEN',
    environmentalClause: true,
    outcome: 'published',
  },
  {
    buyer: '83148',
    subject: 'Entretien des espaces verts des écoles',
    description: 'Tonte, taille et arrosage des cours et jardins des trois groupes scolaires.',
    cpv: '77310000-6',
    quartersAhead: 2,
    amountBand: 'BELOW_40K',
    procedure: 'ADAPTED',
    outcome: 'draft',
  },
  {
    buyer: '83086',
    subject: 'Acquisition d’une benne à ordures ménagères',
    description: 'Véhicule de collecte de 19 tonnes.',
    cpv: '34144510-6',
    quartersAhead: 1,
    amountBand: 'FROM_216K_TO_1M',
    procedure: 'OPEN',
    outcome: 'withdrawn',
  },
  {
    buyer: '83050',
    subject: 'Restauration scolaire des écoles de Draguignan',
    description: 'Fourniture et livraison de repas en liaison froide, produits durables et de qualité.',
    cpv: '55523100-3',
    quartersAhead: 0,
    amountBand: 'FROM_216K_TO_1M',
    procedure: 'ADAPTED',
    place: '83050',
    environmentalClause: true,
    outcome: 'launched',
  },
];

function addQuarters({ year, quarter }: LaunchQuarter, count: number): LaunchQuarter {
  const index = year * 4 + (quarter - 1) + count;
  return { year: Math.floor(index / 4), quarter: ((index % 4) + 1) as LaunchQuarter['quarter'] };
}

const contactOf = (buyer: string) =>
  buyer === 'CAD'
    ? { contactService: 'Direction de la commande publique', contactEmail: 'commande.publique@demo.dracenie.example' }
    : { contactService: 'Service des marchés publics', contactEmail: `marches@demo.mairie-${buyer}.example` };

/**
 * Plays the demo plan through the services staff use. The launched one was announced about four months before its
 * notice was published (ten days ago, still open), so the indicators show an early announcement. Running it again
 * changes nothing: a planned purchase of the same subject and buyer is left alone.
 */
export async function seedDemoPlan(em: EntityManager, config: HubConfig, actor: Actor, now: Date): Promise<number> {
  let created = 0;
  for (const demo of DEMO_PLANS) {
    const organisation = await em.findOneOrFail(Organisation, { siren: demoBuyerSiren(demo.buyer) });
    if (await em.count(PlannedPurchase, { organisation, subject: demo.subject })) continue;
    const noticeAt = new Date(now.getTime() - 10 * DAY);
    const writtenAt = demo.outcome === 'launched' ? new Date(noticeAt.getTime() - 120 * DAY) : new Date(now.getTime() - 20 * DAY);
    const clock = fixedClock(writtenAt);
    const quarter = addQuarters(quarterOf(demo.outcome === 'launched' ? noticeAt : now), demo.quartersAhead);
    const plans = new PlannedPurchaseService({ em: em.fork(), actor, clock });
    const plan = await plans.create({
      organisationSiren: organisation.siren,
      subject: demo.subject,
      description: demo.description,
      cpv: demo.cpv,
      launchYear: quarter.year,
      launchQuarter: quarter.quarter,
      amountBand: demo.amountBand,
      procedure: demo.procedure,
      placeOfPerformanceInseeCode: demo.place ?? null,
      environmentalClause: demo.environmentalClause ?? false,
      socialClause: demo.socialClause ?? false,
      reservedFor: demo.reservedFor ?? 'NONE',
      ...contactOf(demo.buyer),
    });
    created++;
    if (demo.outcome === 'draft') continue;
    await plans.publish(plan.reference);
    if (demo.outcome === 'withdrawn') {
      clock.set(new Date(writtenAt.getTime() + 6 * DAY));
      await plans.withdraw(plan.reference, 'Achat mutualisé : il sera porté par le groupement de commandes de l’agglomération.');
    }
    if (demo.outcome !== 'launched') continue;
    clock.set(noticeAt);
    const notices = new NoticeService({ em: em.fork(), actor, clock, config });
    const notice = await notices.create({
      organisationSiren: organisation.siren,
      plannedPurchaseReference: plan.reference,
      title: demo.subject,
      description: `${demo.description} Annoncé dans la programmation prévisionnelle des achats.`,
      nature: 'SERVICES',
      procedure: demo.procedure,
      mainCpv: demo.cpv,
      estimatedValue: 480_000,
      placeOfPerformanceInseeCode: demo.place ?? null,
      submissionDeadline: new Date(startOfParisDay(parisDateOf(new Date(noticeAt.getTime() + 40 * DAY))).getTime() + 12 * 3600_000),
      buyerProfileUrl: `https://marches.example/dracenie/consultation/${demo.buyer.toLowerCase()}-restauration`,
      contactEmail: contactOf(demo.buyer).contactEmail,
      environmentalClause: true,
      lots: [
        { title: 'Repas des écoles maternelles', cpv: demo.cpv, estimatedValue: 200_000 },
        { title: 'Repas des écoles élémentaires', cpv: demo.cpv, estimatedValue: 280_000 },
      ],
    });
    await notices.publish(notice.reference);
  }
  return created;
}
