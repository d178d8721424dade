import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import { recordAudit } from '../audit/audit-log.js';
import { FrameworkOrder } from '../framework-orders/framework-order.entity.js';
import { FrameworkOrderService } from '../framework-orders/framework-order.service.js';
import { groupCarrierProblem } from '../purchasing-groups/group-carrier.js';
import { PurchasingGroup } from '../purchasing-groups/purchasing-group.entity.js';
import { PurchasingGroupService } from '../purchasing-groups/purchasing-group.service.js';
import { Correspondent } from '../network/correspondent.entity.js';
import { CorrespondentService } from '../network/correspondent.service.js';
import { Notice } from '../notices/notice.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { getTerritory } from '../reference/territory.js';
import { StaffMember } from '../staff/staff-member.entity.js';

const DAY = 86_400_000;

/** Groupements de commandes of the demo, coordinated by the agglomeration; `notice` is the title of its demo notice. */
const DEMO_GROUPS = [
  {
    subject: 'Groupement de commandes pour la location longue durée de véhicules',
    members: ['83050', '83072', '83148', '83086', '83004'],
    agreementStart: '2026-01-01',
    agreementEnd: '2029-12-31',
    notice: 'Location longue durée de véhicules utilitaires électriques',
  },
  {
    subject: 'Groupement de commandes pour la téléphonie fixe et mobile',
    members: ['83050', '83072', '83141', '83058', '83148'],
    agreementStart: '2025-09-01',
    agreementEnd: '2030-08-31',
    notice: 'Téléphonie fixe et mobile des collectivités de la Dracénie',
  },
] as const;

/** Orders under the telephony framework agreement, days after its award. */
const DEMO_ORDERS = [
  { lotNumber: 1, reference: 'BC-TEL-001', daysAfterAward: 20, amount: 38_400 },
  { lotNumber: 2, reference: 'BC-TEL-002', daysAfterAward: 35, amount: 52_750 },
] as const;

const DEMO_CORRESPONDENTS: Record<string, string[]> = {
  'acheteur.agglo@demo.dracenie.example': ['location-longue-duree', 'telephonie', 'informatique'],
  'acheteur@demo.draguignan.example': ['batiments', 'voirie-reseaux'],
  'acheteuse@demo.lorgues.example': ['espaces-verts', 'batiments'],
  'acheteur@demo.vidauban.example': ['informatique', 'telephonie'],
  'acheteuse@demo.lemuy.example': ['voirie-reseaux', 'dechets-proprete'],
};

export interface DemoNetworkSummary {
  groupsCreated: number;
  noticesAttached: number;
  ordersCreated: number;
  correspondentsNamed: number;
}

/**
 * Groups, framework orders and correspondents of the demo, after its notices. Running it again changes nothing:
 * groups are found by subject, orders by reference, and staff who already have families keep them.
 */
export async function seedDemoNetwork(em: EntityManager, admin: Actor, now: Date): Promise<DemoNetworkSummary> {
  const summary: DemoNetworkSummary = { groupsCreated: 0, noticesAttached: 0, ordersCreated: 0, correspondentsNamed: 0 };
  const { agglomeration, communes } = getTerritory();
  const sirenOf = (insee: string) => communes.find((commune) => commune.inseeCode === insee)!.siren;
  const clock = { now: () => now };

  for (const demo of DEMO_GROUPS) {
    if (!(await em.count(PurchasingGroup, { subject: demo.subject }))) {
      await new PurchasingGroupService({ em: em.fork(), actor: admin, clock }).create({
        subject: demo.subject,
        coordinatorSiren: agglomeration.siren,
        memberSirens: demo.members.map(sirenOf),
        agreementStart: demo.agreementStart,
        agreementEnd: demo.agreementEnd,
        documentsUrl: 'https://marches.example/dracenie/groupements',
      });
      summary.groupsCreated++;
    }
    const group = await em.findOneOrFail(PurchasingGroup, { subject: demo.subject }, { populate: ['members'] });
    summary.noticesAttached += await attachNotice(em, admin, group, demo.notice);
  }

  const telephony = await em.findOne(Notice, { title: DEMO_GROUPS[1].notice }, { populate: ['lots', 'lots.award'] });
  const awardedOn = telephony?.lots.getItems()[0]?.award?.getEntity().awardedOn;
  for (const order of telephony && awardedOn ? DEMO_ORDERS : []) {
    const orderedAt = new Date(Date.parse(`${awardedOn}T12:00:00Z`) + order.daysAfterAward * DAY);
    if (orderedAt > now || (await em.count(FrameworkOrder, { notice: telephony!, reference: order.reference }))) continue;
    const holder = telephony!.lots.getItems()[order.lotNumber - 1]!.award!.getEntity();
    await new FrameworkOrderService({ em: em.fork(), actor: admin, clock: { now: () => orderedAt } }).record(telephony!.reference, {
      lotNumber: order.lotNumber,
      reference: order.reference,
      supplierName: holder.supplierName,
      supplierSiret: holder.supplierSiret ?? '',
      amount: order.amount,
      orderedOn: orderedAt.toISOString().slice(0, 10),
    });
    summary.ordersCreated++;
  }

  for (const [email, families] of Object.entries(DEMO_CORRESPONDENTS)) {
    const member = await em.findOne(StaffMember, { email });
    if (!member || (await em.count(Correspondent, { staffMember: member }))) continue;
    await new CorrespondentService({ em: em.fork(), actor: admin }).setFamilies(member.id, families);
    summary.correspondentsNamed++;
  }
  return summary;
}

/**
 * The demo's grouped notices were played before their group existed: attach them, as the coordinator would have
 * when drafting. Only the coordinator's own notice may be attached, as the service requires.
 */
async function attachNotice(em: EntityManager, admin: Actor, group: PurchasingGroup, title: string): Promise<number> {
  const coordinator = await em.findOneOrFail(Organisation, { id: group.coordinator.id });
  const notice = await em.findOne(Notice, { title, organisation: coordinator, purchasingGroup: null });
  if (!notice) return 0;
  const problem = groupCarrierProblem(notice.organisation.id, {
    coordinatorId: group.coordinator.id,
    memberIds: group.members.getItems().map((member) => member.id),
  });
  if (problem) throw new Error(`Demo notice ${notice.reference}: ${problem}`);
  notice.purchasingGroup = em.getReference(PurchasingGroup, group.id, { wrapped: true });
  recordAudit(em, admin, 'attachDemoNoticeToGroup', { entityType: 'Notice', entityId: notice.id }, { groupId: group.id });
  await em.flush();
  return 1;
}
