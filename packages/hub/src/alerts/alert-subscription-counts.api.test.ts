import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { EMPTY_CRITERIA } from './alert-criteria.js';
import { AlertSubscriptionService } from './alert-subscription.service.js';

const COUNTS = '{ alertSubscriptionCounts { confirmed pending immediate daily byCriterion { kind subscriptions } } }';

describe('what admins see of the e-mail alerts', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
    const service = () => new AlertSubscriptionService({ em: hub.orm.em.fork(), now: hub.clock.now(), urls: { siteUrl: 'https://site.example', hubPublicUrl: 'https://hub.example' } });
    await service().subscribe({ email: 'plombier@exemple.fr', criteria: { ...EMPTY_CRITERIA, communes: ['83072'], includePlanned: true }, frequency: 'DAILY' });
    await service().subscribe({ email: 'couvreur@exemple.fr', criteria: { ...EMPTY_CRITERIA, keywords: ['toiture'] }, frequency: 'IMMEDIATE' });
    await service().subscribe({ email: 'pending@exemple.fr', criteria: { ...EMPTY_CRITERIA, families: ['espaces-verts'] }, frequency: 'IMMEDIATE' });
    // The first two confirmed (what following the link records), the third never.
    expect(await hub.orm.em.fork().getConnection().execute('select id from alert_subscription')).toHaveLength(3);
    await hub.orm.em.fork().getConnection().execute("update alert_subscription set confirmed_at = confirm_requested_at, confirm_token_hash = null where email <> 'pending@exemple.fr'");
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('gives an admin the counts: confirmed, pending, per mode and per kind of criterion, and not one address', async () => {
    const result = await hub.gql<{ alertSubscriptionCounts: Record<string, unknown> }>(COUNTS, {}, await hub.login('admin@agglo.test'));
    expect(result.errors).toBeUndefined();
    expect(result.data!.alertSubscriptionCounts).toMatchObject({ confirmed: 2, pending: 1, immediate: 1, daily: 1 });
    const byCriterion = result.data!.alertSubscriptionCounts.byCriterion as Array<{ kind: string; subscriptions: number }>;
    expect(byCriterion.filter((row) => row.subscriptions > 0)).toEqual([
      { kind: 'COMMUNES', subscriptions: 1 },
      { kind: 'KEYWORDS', subscriptions: 1 },
      { kind: 'PLANNED_PURCHASES', subscriptions: 1 },
    ]);
    expect(JSON.stringify(result)).not.toMatch(/@/);
  });

  it('refuses a buyer and an anonymous client', async () => {
    const buyer = await hub.gql(COUNTS, {}, await hub.login('buyer@draguignan.test'));
    expect(buyer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await hub.gql(COUNTS);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
