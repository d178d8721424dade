import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { matchAlertEvents } from '../alerts/alert-matcher.js';
import { Notice } from '../notices/notice.entity.js';
import { noticeInput, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { ENTITIES } from './entities.js';

// An entity read and flushed without a change must not be written: a spurious UPDATE moves its `updatedAt` and its
// version (a staff member's concurrent edit then fails), and the public site, which shows `updatedAt` and is told
// of changes by events only, would hold a notice older than the hub's (the incremental parity test saw it).

describe('entities read and flushed unchanged', () => {
  let hub: TestHub;
  let reference: string;

  beforeEach(async () => {
    hub = await startTestHub();
    const buyer = await hub.login('buyer@draguignan.test');
    const created = await hub.gql<{ createNotice: { reference: string } }>(
      'mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }',
      { input: noticeInput(hub.clock.now()) },
      buyer,
    );
    reference = created.data!.createNotice.reference;
    expect((await hub.gql('mutation($r: String!) { publishNotice(reference: $r) { status } }', { r: reference }, buyer)).errors).toBeUndefined();
    const corrected = await hub.gql(
      'mutation($r: String!, $i: NoticeCorrectionInput!) { correctNotice(reference: $r, input: $i) { reference } }',
      { r: reference, i: { title: 'Entretien des espaces verts du parc Haussmann (corrigé)', reason: 'Erreur de saisie dans l’intitulé.' } },
      buyer,
    );
    expect(corrected.errors).toBeUndefined();
  });
  afterEach(async () => {
    await hub.close();
  });

  it('are not written again: no entity of any kind read from the database has a change to flush', async () => {
    const em = hub.orm.em.fork();
    for (const entity of ENTITIES) await em.find(entity as never, {});
    const unitOfWork = em.getUnitOfWork();
    unitOfWork.computeChangeSets();
    const changed = unitOfWork.getChangeSets().map((changeSet) => `${changeSet.name}: ${Object.keys(changeSet.payload).join(', ')}`);
    expect(changed).toEqual([]);
  });

  it('keep their updatedAt and version when the alert matcher reads the notices of the events and flushes', async () => {
    const read = async () => {
      const notice = await hub.orm.em.fork().findOneOrFail(Notice, { reference });
      return { updatedAt: notice.updatedAt.toISOString(), version: notice.version };
    };
    const before = await read();
    hub.clock.advance(60_000);
    expect(await matchAlertEvents(hub.orm, hub.clock.now())).toBe(2);
    expect(await read()).toEqual(before);
  });
});
