import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrameworkOrder } from '../framework-orders/framework-order.entity.js';
import { PurchasingGroup } from '../purchasing-groups/purchasing-group.entity.js';
import { Correspondent } from '../network/correspondent.entity.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { seedDemo } from './demo.seed.js';

const VIDAUBAN = '218301489';
const LIST = `query($siren: String!) { notices(filter: { organisationSiren: $siren }, first: 100) { edges { node {
  title purchasingGroup { subject members { name } }
  frameworkAgreement { maximumAmount consumedAmount orders { reference amount } } lots { award { amount } } } } } }`;

describe('the demo’s grouped purchasing and network', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
    await seedDemo(hub.orm.em.fork(), hub.config, hub.clock.now());
  });
  afterAll(() => hub?.close());

  async function counts() {
    const em = hub.orm.em.fork();
    return { groups: await em.count(PurchasingGroup, {}), orders: await em.count(FrameworkOrder, {}), namings: await em.count(Correspondent, {}) };
  }

  it('puts the agglomeration’s leasing and telephony notices in groups that list them for each member', async () => {
    const result = await hub.gql(LIST, { siren: VIDAUBAN });
    const grouped = result.data!.notices.edges.map((edge: { node: any }) => edge.node).filter((node: any) => node.purchasingGroup);
    expect(grouped.map((node: { title: string }) => node.title).sort()).toEqual([
      'Location longue durée de véhicules utilitaires électriques',
      'Téléphonie fixe et mobile des collectivités de la Dracénie',
    ]);
    for (const node of grouped) expect(node.purchasingGroup.members.map((m: { name: string }) => m.name)).toContain('Vidauban');
  });

  it('records orders under the telephony framework agreement, consumed with its awards', async () => {
    const result = await hub.gql(LIST, { siren: VIDAUBAN });
    const telephony = result.data!.notices.edges.map((edge: { node: any }) => edge.node).find((node: any) => node.title.startsWith('Téléphonie'));
    const awards = telephony.lots.reduce((sum: number, lot: { award: { amount: number } }) => sum + lot.award.amount, 0);
    const orders = telephony.frameworkAgreement.orders.reduce((sum: number, order: { amount: number }) => sum + order.amount, 0);
    expect(telephony.frameworkAgreement.orders).toHaveLength(2);
    expect(telephony.frameworkAgreement.consumedAmount).toBeCloseTo(awards + orders, 2);
    expect(telephony.frameworkAgreement.consumedAmount).toBeLessThanOrEqual(telephony.frameworkAgreement.maximumAmount);
  });

  it('names correspondents in several organisations, and a second run changes nothing', async () => {
    const before = await counts();
    expect(before).toEqual({ groups: 2, orders: 2, namings: 11 });
    await seedDemo(hub.orm.em.fork(), hub.config, hub.clock.now());
    expect(await counts()).toEqual(before);
  });
});
