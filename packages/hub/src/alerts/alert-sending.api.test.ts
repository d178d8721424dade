import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addressKey } from '../mail/mail-address.js';
import { startMailWorker, type MailWorker } from '../mail/mail-worker.js';
import { eventually } from '../test-support/eventually.js';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink.js';
import { noticeInput, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { EMPTY_CRITERIA, type AlertCriteria } from './alert-criteria.js';
import { AlertAnnouncement } from './alert-announcement.entity.js';
import { alertMailRenderers } from './alert-mail-render.js';
import { alertMailGroup } from './alert-rows.js';
import { MailMessage } from '../mail/mail-message.entity.js';
import { AlertSubscription, type AlertFrequency } from './alert-subscription.entity.js';
import { AlertSubscriptionService } from './alert-subscription.service.js';
import { CREATE_PLAN, PUBLISH_PLAN, UPDATE_PLAN, WITHDRAW_PLAN, plannedPurchaseInput } from '../planning/planned-purchase.fixtures.js';
import { newAlertToken } from './alert-tokens.js';
import { startAlertWorker, type AlertWorker } from './alert-worker.js';

const SITE = 'https://marches.dracenie.example';
const DAY = 86_400_000;

describe('sending the e-mail alerts', () => {
  let hub: TestHub;
  let sink: SmtpSink;
  let mailWorker: MailWorker;
  let alertWorker: AlertWorker;
  let buyer: string;
  const workerLog: string[] = [];

  const startWorkers = () => {
    const config = { ...hub.config, siteUrl: SITE, mail: { ...hub.config.mail, transport: { kind: 'smtp' as const, url: sink.url } } };
    mailWorker = startMailWorker(hub.orm, config, hub.clock, { info: () => {}, warn: (message) => workerLog.push(message) }, { pollMs: 20, renderers: alertMailRenderers({ siteUrl: SITE, hubPublicUrl: hub.config.hubPublicUrl }) });
    alertWorker = startAlertWorker(hub.orm, config, hub.clock, (message) => workerLog.push(message), { pollMs: 20, onMatched: () => mailWorker.wake() });
  };
  const stopWorkers = async () => {
    await alertWorker.stop();
    await mailWorker.stop();
  };
  /** Every mail the alerts and the mail worker had to send by now has been handed to the SMTP server. */
  const settle = async () => {
    await alertWorker.drain();
    await mailWorker.drain();
  };

  beforeEach(async () => {
    hub = await startTestHub();
    sink = await startSmtpSink();
    startWorkers();
    buyer = await hub.login('buyer@draguignan.test');
  });
  afterEach(async () => {
    await stopWorkers();
    expect(workerLog).toEqual([]);
    await sink.close();
    await hub.close();
  });

  const subscribe = async (email: string, criteria: Partial<AlertCriteria>, frequency: AlertFrequency = 'IMMEDIATE') => {
    const em = hub.orm.em.fork();
    const now = hub.clock.now();
    const subscription = em.create(AlertSubscription, {
      email,
      emailKey: addressKey(email),
      criteria: { ...EMPTY_CRITERIA, ...criteria },
      frequency,
      confirmRequestedAt: now,
      confirmedAt: now,
      manageToken: newAlertToken(),
    });
    await em.flush();
    return subscription;
  };
  const publish = async (overrides: Record<string, unknown> = {}) => {
    const created = await hub.gql<{ createNotice: { reference: string } }>('mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }', { input: noticeInput(hub.clock.now(), overrides) }, buyer);
    expect(created.errors).toBeUndefined();
    const reference = created.data!.createNotice.reference;
    const published = await hub.gql('mutation($r: String!) { publishNotice(reference: $r) { status } }', { r: reference }, buyer);
    expect(published.errors).toBeUndefined();
    return reference;
  };
  const mailsTo = (address: string) => sink.received.filter((mail) => mail.envelope.to.includes(address));

  it('mails a published notice once to each matching immediate subscription, in French with the unsubscribe headers, and to no other', async () => {
    const draguignan = await subscribe('espaces-verts@exemple.fr', { communes: ['83050'], keywords: ['tonte'] });
    await subscribe('lorgues@exemple.fr', { communes: ['83072'] });
    await subscribe('travaux@exemple.fr', { cpvPrefixes: ['45'] });
    const reference = await publish();

    const mail = await eventually(() => mailsTo('espaces-verts@exemple.fr')[0], { what: 'the alert' });
    await settle();
    expect(sink.received).toHaveLength(1);
    expect(mail.parsed.subject).toBe('Nouvel avis : Entretien des espaces verts du parc Haussmann');
    const text = mail.parsed.text ?? '';
    expect(text).toContain('Un nouvel avis de marché répond aux critères de votre alerte');
    expect(text).toContain(`Référence ${reference}`);
    expect(text).toContain('Acheteur : Draguignan');
    expect(text).toContain('Lieu : Draguignan');
    expect(text).toContain('Procédure : Appel d’offres ouvert');
    expect(text).toMatch(/Montant estimé : 120\s000\s€ HT/);
    // Deadline 40 days after 1 December 2026 09:00 UTC: 10 January 2027, 10:00 in Paris.
    expect(text).toContain('Date limite de réponse : dimanche 10 janvier 2027 à 10:00');
    expect(text).toContain(`${SITE}/avis/${reference}/`);
    expect(mail.parsed.html).toContain(`<a href="${SITE}/avis/${reference}/">`);
    const unsubscribe = mail.parsed.headerLines.find((line) => line.key === 'list-unsubscribe')?.line.replace(/\r?\n\s+/g, ' ');
    expect(unsubscribe).toBe(`List-Unsubscribe: <${hub.config.hubPublicUrl}/alerts/unsubscribe?token=${draguignan.manageToken}>`);
    expect(mail.parsed.headerLines.find((line) => line.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(text).toContain(`${hub.config.hubPublicUrl}/alerts/manage?token=${draguignan.manageToken}`);
  });

  it('announces a correction and a cancellation to those who were told of the notice, and only to them, once each even across restarts', async () => {
    await subscribe('told@exemple.fr', { communes: ['83050'] });
    const reference = await publish();
    await eventually(() => mailsTo('told@exemple.fr')[0], { what: 'the alert' });
    // Subscribed after the publication: matches the notice, but was never told of it.
    await subscribe('late@exemple.fr', { communes: ['83050'] });
    hub.clock.advance(DAY);
    buyer = await hub.login('buyer@draguignan.test');
    const corrected = await hub.gql('mutation($r: String!, $input: NoticeCorrectionInput!) { correctNotice(reference: $r, input: $input) { status } }', { r: reference, input: { reason: 'Report de la date limite', submissionDeadline: new Date(hub.clock.now().getTime() + 50 * DAY).toISOString() } }, buyer);
    expect(corrected.errors, JSON.stringify(corrected.errors)).toBeUndefined();
    const correction = await eventually(() => mailsTo('told@exemple.fr')[1], { what: 'the correction' });
    expect(correction.parsed.subject).toBe('Avis rectifié : Entretien des espaces verts du parc Haussmann');
    expect(correction.parsed.text).toContain('L’acheteur a rectifié cet avis, que nous vous avions signalé : Report de la date limite');

    const cancelled = await hub.gql('mutation($r: String!) { cancelNotice(reference: $r, reason: "Besoin redéfini") { status } }', { r: reference }, buyer);
    expect(cancelled.errors).toBeUndefined();
    const cancellation = await eventually(() => mailsTo('told@exemple.fr')[2], { what: 'the cancellation' });
    expect(cancellation.parsed.subject).toBe('Avis annulé : Entretien des espaces verts du parc Haussmann');
    expect(cancellation.parsed.text).toContain('Besoin redéfini');
    await settle();
    expect(mailsTo('late@exemple.fr')).toHaveLength(0);
    expect(sink.received).toHaveLength(3);

    await stopWorkers();
    await hub.restart();
    startWorkers();
    await settle();
    expect(sink.received).toHaveLength(3);
    // One record per event of whom it was told: the publication, the correction, the cancellation.
    expect(await hub.orm.em.fork().count(AlertAnnouncement, {})).toBe(3);
  });

  it('gathers a daily subscription’s notices into one digest at 07:00 Paris time, with the notices it was told of that close within 7 days', async () => {
    await subscribe('matin@exemple.fr', { families: ['espaces-verts'] }, 'DAILY');
    const first = await publish({ procedure: 'ADAPTED', submissionDeadline: new Date(hub.clock.now().getTime() + 22 * DAY).toISOString() });
    await settle();
    expect(sink.received.map((mail) => mail.parsed.subject)).toEqual([]);

    // 2 December, 06:59 in Paris (05:59 UTC in winter): not yet.
    hub.clock.set('2026-12-02T05:59:00Z');
    await settle();
    expect(sink.received).toHaveLength(0);
    hub.clock.set('2026-12-02T06:00:00Z');
    alertWorker.wake();
    const digest = await eventually(() => mailsTo('matin@exemple.fr')[0], { what: 'the first digest' });
    expect(digest.parsed.subject).toBe('Vos alertes du mercredi 2 décembre 2026 : 1 nouvel avis');
    expect(digest.parsed.text).toContain(`Référence ${first}`);
    expect(digest.parsed.text).not.toContain('Clôture dans moins de 7 jours');
    hub.clock.set('2026-12-02T18:00:00Z');
    await settle();
    expect(sink.received).toHaveLength(1);

    // Two weeks later the first closes within 7 days; a second notice comes.
    hub.clock.set('2026-12-16T10:00:00Z');
    buyer = await hub.login('buyer@draguignan.test');
    const second = await publish({ title: 'Tonte des stades municipaux' });
    hub.clock.set('2026-12-17T06:00:00Z');
    alertWorker.wake();
    const next = await eventually(() => mailsTo('matin@exemple.fr')[1], { what: 'the second digest' });
    expect(next.parsed.subject).toBe('Vos alertes du jeudi 17 décembre 2026 : 1 nouvel avis');
    const text = next.parsed.text ?? '';
    expect(text).toContain(`Référence ${second}`);
    expect(text).toContain('Clôture dans moins de 7 jours');
    expect(text.slice(text.indexOf('Clôture dans moins de 7 jours'))).toContain(`${SITE}/avis/${first}/`);
    await settle();
    expect(sink.received).toHaveLength(2);
  });

  it('sends no digest to a subscription deleted before 07:00, and keeps none of its mails', async () => {
    const leaving = await subscribe('parti@exemple.fr', { families: ['espaces-verts'] }, 'DAILY');
    await subscribe('reste@exemple.fr', { families: ['espaces-verts'] }, 'DAILY');
    await publish();
    await settle();
    const service = new AlertSubscriptionService({ em: hub.orm.em.fork(), now: hub.clock.now(), urls: { siteUrl: SITE, hubPublicUrl: hub.config.hubPublicUrl } });
    await service.unsubscribe(leaving.manageToken);

    hub.clock.set('2026-12-02T06:00:00Z');
    await eventually(() => mailsTo('reste@exemple.fr')[0], { what: 'the digest of the one who stayed' });
    await settle();
    expect(sink.received).toHaveLength(1);
    expect(await hub.orm.em.fork().count(MailMessage, { groupKey: alertMailGroup(leaving.id) })).toBe(0);
  });

  it('tells an immediate subscriber of the notices of one pass in one mail, however many matched', async () => {
    await subscribe('groupe@exemple.fr', { families: ['espaces-verts'] });
    await subscribe('seul@exemple.fr', { keywords: ['stades'] });
    // Both published while the alert worker is stopped: its next pass finds them together.
    await stopWorkers();
    const first = await publish();
    const second = await publish({ title: 'Tonte des stades municipaux' });
    startWorkers();
    await settle();

    const grouped = mailsTo('groupe@exemple.fr');
    expect(grouped).toHaveLength(1);
    expect(grouped[0]!.parsed.subject).toBe('Vos alertes : 2 nouveaux avis');
    const text = grouped[0]!.parsed.text ?? '';
    expect(text).toContain(`Référence ${first}`);
    expect(text).toContain(`Référence ${second}`);
    expect(grouped[0]!.parsed.html).toContain(`<a href="${SITE}/avis/${second}/">`);
    expect(grouped[0]!.parsed.headerLines.find((line) => line.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(mailsTo('seul@exemple.fr').map((mail) => mail.parsed.subject)).toEqual(['Nouvel avis : Tonte des stades municipaux']);
    expect(sink.received).toHaveLength(2);
    const em = hub.orm.em.fork();
    expect(await em.count(MailMessage, { status: 'PENDING' })).toBe(0);
    const groupe = await em.findOneOrFail(AlertSubscription, { email: 'groupe@exemple.fr' });
    expect(await em.count(MailMessage, { groupKey: alertMailGroup(groupe.id), status: 'SENT' })).toBe(1);
  });

  it('finds a subscriber under criteria changed after a first alert, and no longer under the old ones', async () => {
    const subscription = await subscribe('change@exemple.fr', { communes: ['83050'] });
    await publish();
    await eventually(() => mailsTo('change@exemple.fr')[0], { what: 'the first alert' });
    const service = new AlertSubscriptionService({ em: hub.orm.em.fork(), now: hub.clock.now(), urls: { siteUrl: SITE, hubPublicUrl: hub.config.hubPublicUrl } });
    expect(await service.update(subscription.manageToken, { criteria: { ...EMPTY_CRITERIA, keywords: ['stades'] }, frequency: 'IMMEDIATE' })).toBe(true);

    await publish({ title: 'Tonte des stades municipaux', placeOfPerformanceInseeCode: '83072' });
    await publish({ title: 'Taille des haies' });
    await settle();
    expect(mailsTo('change@exemple.fr').map((mail) => mail.parsed.subject)).toEqual(['Nouvel avis : Entretien des espaces verts du parc Haussmann', 'Nouvel avis : Tonte des stades municipaux']);
  });

  it('announces a planned purchase of the forward plan to the subscribers who asked for planned purchases, and to no other', async () => {
    await subscribe('prevu@exemple.fr', { communes: ['83050'], includePlanned: true });
    await subscribe('avis-seulement@exemple.fr', { communes: ['83050'] });
    await subscribe('petits-montants@exemple.fr', { communes: ['83050'], includePlanned: true, maxAmount: 100_000 });
    const created = await hub.gql<{ createPlannedPurchase: { reference: string } }>(CREATE_PLAN, { input: plannedPurchaseInput() }, buyer);
    expect(created.errors).toBeUndefined();
    const reference = created.data!.createPlannedPurchase.reference;
    expect((await hub.gql(PUBLISH_PLAN, { reference }, buyer)).errors).toBeUndefined();

    const mail = await eventually(() => mailsTo('prevu@exemple.fr')[0], { what: 'the planned purchase alert' });
    await settle();
    expect(mail.parsed.subject).toBe('Achat prévu : Rénovation énergétique de l’école Jean-Moulin');
    const text = mail.parsed.text ?? '';
    expect(text).toContain('Un acheteur annonce dans sa programmation un achat qui répond aux critères de votre alerte');
    expect(text).toContain(`Référence ${reference}`);
    expect(text).toContain('Lancement prévu : 2e trimestre 2027');
    expect(text).toContain('Montant estimé : de 216 000 € à 1 000 000 € HT');
    expect(text).toContain(`${SITE}/programmation/${reference}/`);
    expect(mail.parsed.headerLines.find((line) => line.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    // Not asked for planned purchases; a band above the range asked for.
    expect(sink.received).toHaveLength(1);
  });

  const publishPlan = async (overrides: Record<string, unknown> = {}) => {
    const created = await hub.gql<{ createPlannedPurchase: { reference: string } }>(CREATE_PLAN, { input: plannedPurchaseInput(overrides) }, buyer);
    expect(created.errors).toBeUndefined();
    const reference = created.data!.createPlannedPurchase.reference;
    expect((await hub.gql(PUBLISH_PLAN, { reference }, buyer)).errors).toBeUndefined();
    return reference;
  };

  it('announces a planned purchase’s change and its withdrawal with the reason to those who were told of it, and only to them, once each even across restarts', async () => {
    await subscribe('prevu@exemple.fr', { communes: ['83050'], includePlanned: true });
    await subscribe('quotidien@exemple.fr', { communes: ['83050'], includePlanned: true }, 'DAILY');
    await subscribe('avis-seulement@exemple.fr', { communes: ['83050'] });
    const reference = await publishPlan();
    await eventually(() => mailsTo('prevu@exemple.fr')[0], { what: 'the planned purchase alert' });
    // Matches the planned purchase once it moves to Lorgues, but was never told of it.
    await subscribe('lorgues@exemple.fr', { communes: ['83072'], includePlanned: true });

    hub.clock.advance(DAY);
    buyer = await hub.login('buyer@draguignan.test');
    const updated = await hub.gql(UPDATE_PLAN, { reference, input: { launchQuarter: 3, placeOfPerformanceInseeCode: '83072' } }, buyer);
    expect(updated.errors, JSON.stringify(updated.errors)).toBeUndefined();
    // Told of the planned purchase, so told of its change even if the criteria no longer match it.
    const change = await eventually(() => mailsTo('prevu@exemple.fr')[1], { what: 'the change' });
    expect(change.parsed.subject).toBe('Achat prévu modifié : Rénovation énergétique de l’école Jean-Moulin');
    const changeText = change.parsed.text ?? '';
    expect(changeText).toContain('Un achat prévu que nous vous avions signalé a changé :');
    expect(changeText).toContain('L’acheteur a modifié cet achat prévu, que nous vous avions signalé (modifié : le trimestre de lancement et le lieu d’exécution)');
    expect(changeText).toContain('Lancement prévu : 3e trimestre 2027');
    expect(changeText).toContain('Lieu : Lorgues');
    expect(changeText).toContain(`${SITE}/programmation/${reference}/`);
    expect(change.parsed.html).toContain(`<a href="${SITE}/programmation/${reference}/">Achat prévu modifié : Rénovation énergétique de l’école Jean-Moulin</a>`);
    expect(change.parsed.headerLines.find((line) => line.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    const withdrawn = await hub.gql(WITHDRAW_PLAN, { reference, reason: 'Projet reporté à 2028, faute de financement' }, buyer);
    expect(withdrawn.errors).toBeUndefined();
    const withdrawal = await eventually(() => mailsTo('prevu@exemple.fr')[2], { what: 'the withdrawal' });
    expect(withdrawal.parsed.subject).toBe('Achat prévu retiré : Rénovation énergétique de l’école Jean-Moulin');
    expect(withdrawal.parsed.text).toContain('L’acheteur a retiré de sa programmation cet achat prévu, que nous vous avions signalé ; aucun avis de marché ne le suivra. Motif : Projet reporté à 2028, faute de financement');
    expect(withdrawal.parsed.html).toContain('Motif : Projet reporté à 2028, faute de financement');
    await settle();
    expect(mailsTo('avis-seulement@exemple.fr')).toHaveLength(0);
    expect(mailsTo('lorgues@exemple.fr')).toHaveLength(0);

    // The daily subscriber: the announcement at 07:00 on 2 December, the change and the withdrawal at 07:00 on 3 December.
    hub.clock.set('2026-12-03T06:00:00Z');
    alertWorker.wake();
    await eventually(() => mailsTo('quotidien@exemple.fr')[1], { what: 'the second digest' });
    await settle();
    const digests = mailsTo('quotidien@exemple.fr');
    expect(digests.map((mail) => mail.parsed.subject)).toEqual(['Vos alertes du mercredi 2 décembre 2026 : 1 achat prévu', 'Vos alertes du jeudi 3 décembre 2026 : 1 achat prévu retiré']);
    // Withdrawn before the digest went: the change is not told any more, the withdrawal is, with its reason.
    expect(digests[1]!.parsed.text).toContain('Achats prévus modifiés ou retirés');
    expect(digests[1]!.parsed.text).toContain('Motif : Projet reporté à 2028, faute de financement');
    expect(sink.received).toHaveLength(5);

    await stopWorkers();
    await hub.restart();
    startWorkers();
    await settle();
    expect(sink.received).toHaveLength(5);
    // The announcement, the change, the withdrawal.
    expect(await hub.orm.em.fork().count(AlertAnnouncement, {})).toBe(3);
  });

  it('does not announce a launched planned purchase as such: its notice is announced to those the notice’s own fields match', async () => {
    await subscribe('renovation@exemple.fr', { keywords: ['rénovation'], includePlanned: true });
    await subscribe('draguignan@exemple.fr', { communes: ['83050'], includePlanned: true });
    const reference = await publishPlan();
    await eventually(() => mailsTo('renovation@exemple.fr')[0], { what: 'the planned purchase alert' });
    await eventually(() => mailsTo('draguignan@exemple.fr')[0], { what: 'the planned purchase alert' });

    const notice = await publish({ plannedPurchaseReference: reference });
    const noticeMail = await eventually(() => mailsTo('draguignan@exemple.fr')[1], { what: 'the notice alert' });
    await settle();
    expect(noticeMail.parsed.subject).toBe('Nouvel avis : Entretien des espaces verts du parc Haussmann');
    expect(noticeMail.parsed.text).toContain(`Référence ${notice}`);
    // Told of the plan, but the notice that launched it does not match « rénovation »: nothing more.
    expect(mailsTo('renovation@exemple.fr')).toHaveLength(1);
    expect(sink.received).toHaveLength(3);
  });
});
