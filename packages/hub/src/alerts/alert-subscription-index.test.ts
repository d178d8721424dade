import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntityManager, MikroORM } from '@mikro-orm/sqlite';
import { openOrm } from '../db/orm.js';
import { addressKey } from '../mail/mail-address.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { EMPTY_CRITERIA, type AlertCriteria } from './alert-criteria.js';
import { runRows } from './alert-rows.js';
import { AlertSubscription } from './alert-subscription.entity.js';
import { subscriptionIndex } from './alert-subscription-index.js';
import { newAlertToken } from './alert-tokens.js';

describe('the index of the subscriptions a hub keeps between matching passes', () => {
  let hub: TestHub;
  let otherHub: MikroORM;
  beforeEach(async () => {
    hub = await startTestHub();
    // A second hub process on the same database, as a deployment with several hubs has.
    otherHub = await openOrm(hub.config);
  });
  afterEach(async () => {
    await otherHub.close();
    await hub.close();
  });

  const subscribe = async (em: EntityManager, email: string, criteria: Partial<AlertCriteria>, confirmed = true) => {
    const now = hub.clock.now();
    const subscription = em.create(AlertSubscription, {
      email,
      emailKey: addressKey(email),
      criteria: { ...EMPTY_CRITERIA, ...criteria },
      frequency: 'IMMEDIATE',
      confirmRequestedAt: now,
      confirmedAt: confirmed ? now : null,
      manageToken: newAlertToken(),
    });
    await em.flush();
    return subscription.id;
  };
  /** The index as a pass of this hub sees it, in a transaction of its own. */
  const indexOf = (orm: MikroORM) => orm.em.fork().transactional((em) => subscriptionIndex(orm, em));
  const filedUnder = async (orm: MikroORM, key: string) => {
    const index = await indexOf(orm);
    return [...(index.filedUnder(key) ?? [])].map((slot) => index.subscriptions[slot]!.email).sort();
  };

  it('is the same from pass to pass while no confirmed subscription is added, changed or deleted, whoever writes them', async () => {
    await subscribe(hub.orm.em.fork(), 'lorgues@exemple.fr', { communes: ['83072'] });
    const first = await indexOf(hub.orm);
    expect(await indexOf(hub.orm)).toBe(first);
    // A request not confirmed yet is not in the index: it does not make the hub build it again.
    await subscribe(otherHub.em.fork(), 'pas-encore@exemple.fr', { communes: ['83072'] }, false);
    expect(await indexOf(hub.orm)).toBe(first);
    expect(await filedUnder(hub.orm, 'commune:83072')).toEqual(['lorgues@exemple.fr']);
  });

  it('files a subscription confirmed, changed or deleted by another hub, or by any statement, at this hub’s next pass', async () => {
    const lorgues = await subscribe(hub.orm.em.fork(), 'lorgues@exemple.fr', { communes: ['83072'] });
    expect(await filedUnder(hub.orm, 'commune:83072')).toEqual(['lorgues@exemple.fr']);

    // Confirmed through another hub.
    const pending = await subscribe(otherHub.em.fork(), 'draguignan@exemple.fr', { communes: ['83050'] }, false);
    expect(await filedUnder(hub.orm, 'commune:83050')).toEqual([]);
    const em = otherHub.em.fork();
    const row = await em.findOneOrFail(AlertSubscription, pending);
    row.confirmedAt = hub.clock.now();
    await em.flush();
    expect(await filedUnder(hub.orm, 'commune:83050')).toEqual(['draguignan@exemple.fr']);

    // Criteria changed by a plain statement on another hub's connection.
    const knex = otherHub.em.getKnex();
    await runRows(otherHub.em.fork(), knex('alert_subscription').update({ criteria: JSON.stringify({ ...EMPTY_CRITERIA, communes: ['83050'] }) }).where('id', lorgues));
    expect(await filedUnder(hub.orm, 'commune:83072')).toEqual([]);
    expect(await filedUnder(hub.orm, 'commune:83050')).toEqual(['draguignan@exemple.fr', 'lorgues@exemple.fr']);

    // Deleted.
    await runRows(otherHub.em.fork(), knex('alert_subscription').delete().where('id', lorgues));
    expect(await filedUnder(hub.orm, 'commune:83050')).toEqual(['draguignan@exemple.fr']);
    expect((await indexOf(hub.orm)).withIds([lorgues])).toEqual([]);
  });
});
