import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailWorker, type MailWorker } from '../mail/mail-worker.js';
import { eventually } from '../test-support/eventually.js';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { OutboxEvent } from '../events/outbox-event.entity.js';
import type { ReceivedMail } from '../test-support/smtp-sink.js';
import { reportOverdueAdvice } from './advice-overdue.js';
import { addCanteenExpert, CANTEEN_EXPERT_EMAIL } from './testing/canteen-expert.js';

/** The HTML part as a reader sees it: tags dropped, entities read, one line per block. */
function htmlAsText(html: string): string {
  return html
    .replace(/<(?:br|\/p|\/li|\/blockquote|\/h\d|hr)\b[^>]*>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Both parts, French, saying the same: every line of the text part (quotes without their « > ») is in the HTML part. */
function expectBothParts(mail: ReceivedMail): { text: string; html: string } {
  const text = mail.parsed.text!;
  const html = mail.parsed.html;
  expect(typeof html, `${mail.parsed.subject} has an HTML part`).toBe('string');
  expect(html).toMatch(/^<!doctype html><html lang="fr">/);
  expect(html).toContain(`<title>${mail.parsed.subject!.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</title>`);
  const readable = htmlAsText(html as string);
  for (const line of text.split('\n')) {
    const said = line.replace(/^> ?/, '').trim();
    if (said === '' || said === '—') continue;
    expect(readable, `the HTML part of « ${mail.parsed.subject} » says « ${said} »`).toContain(said);
  }
  return { text, html: html as string };
}

const ASK = 'mutation($input: AskAdviceInput!) { askAdvice(input: $input) { id reference state } }';
const MESSAGE = 'mutation($id: ID!, $body: String!) { postAdviceMessage(id: $id, body: $body) { state } }';
const ANSWER = 'mutation($id: ID!, $body: String!) { answerAdviceRequest(id: $id, body: $body) { state } }';
const ASSIGN = 'mutation($id: ID!, $expertId: ID!) { assignAdviceRequest(id: $id, expertId: $expertId) { state } }';

describe('mails of the advice flow, sent over a real SMTP server', () => {
  let hub: TestHub;
  let sink: SmtpSink;
  let worker: MailWorker;
  let admin: string;
  let lorgues: string;
  let expert: string;
  let expertId: string;

  const mailsTo = (address: string) => sink.received.filter((mail) => mail.envelope.to.includes(address));
  const waitForMails = async (count: number) => {
    await worker.drain();
    await eventually(() => sink.received.length === count, { what: `${count} mails` });
    return sink.received;
  };

  beforeAll(async () => {
    // Friday 4 December 2026, 17:00 in Paris: 5 working days end on Friday 11 December.
    hub = await startTestHub({ now: '2026-12-04T16:00:00Z' });
    sink = await startSmtpSink();
    const config = { ...hub.config, mail: { ...hub.config.mail, transport: { kind: 'smtp' as const, url: sink.url } } };
    worker = startMailWorker(hub.orm, config, hub.clock, { info: () => undefined, warn: () => undefined }, { pollMs: 20 });
    admin = await hub.login('admin@agglo.test');
    expertId = await addCanteenExpert(hub, admin);
    [lorgues, expert] = await Promise.all([hub.login('buyer@lorgues.test'), hub.login(CANTEEN_EXPERT_EMAIL)]);
  });
  afterAll(async () => {
    await worker?.stop();
    await sink?.close();
    await hub?.close();
  });

  it('tells the family’s correspondent of a new request, in French, with the due day in Paris time; the thread and the answer reach the other side', async () => {
    const asked = await hub.gql(
      ASK,
      {
        input: {
          stage: 'PROCEDURE',
          familySlug: 'restauration-collective',
          subject: 'Procédure pour la cantine',
          question: 'MAPA ou appel d’offres pour 120 repas par jour ?\nMontant < 100 000 € & repas <b>bio</b>',
          wishedAnswerDate: '2026-12-10',
        },
      },
      lorgues,
    );
    expect(asked.errors).toBeUndefined();
    const { id, reference } = asked.data!.askAdvice;
    const [mail] = await waitForMails(1);
    expect(mail!.envelope.to).toEqual([CANTEEN_EXPERT_EMAIL]);
    expect(mail!.parsed.subject).toBe(`[${reference}] Nouvelle demande de conseil : Procédure pour la cantine`);
    const text = mail!.parsed.text!;
    expect(text).toContain('Bonjour Experte Restauration,');
    expect(text).toContain('Buyer Lorgues (');
    expect(text).toContain('Étape de l’achat : Choix de la procédure');
    expect(text).toContain('Réponse attendue au plus tard le vendredi 11 décembre 2026');
    expect(text).toContain('Réponse souhaitée par le demandeur pour le jeudi 10 décembre 2026');
    expect(text).toContain('> MAPA ou appel d’offres pour 120 repas par jour ?');
    expect(text).toContain(`${hub.config.hubPublicUrl}/graphql`);
    const { html } = expectBothParts(mail!);
    expect(html).toContain('<p>Bonjour Experte Restauration,</p>');
    expect(html).toContain('<li>Réponse attendue au plus tard le vendredi 11 décembre 2026</li>');
    // The asker's words are escaped, never markup of the mail.
    expect(html).toContain('MAPA ou appel d’offres pour 120 repas par jour ?<br>Montant &lt; 100 000 € &amp; repas &lt;b&gt;bio&lt;/b&gt;</blockquote>');
    expect(html).not.toContain('<b>bio');
    expect(html).toContain(`<a href="${hub.config.hubPublicUrl}/graphql">`);

    expect((await hub.gql(MESSAGE, { id, body: 'Quel est le montant annuel ?' }, expert)).errors).toBeUndefined();
    expect((await hub.gql(MESSAGE, { id, body: 'Environ 95 000 € HT.' }, lorgues)).errors).toBeUndefined();
    expect((await hub.gql(ANSWER, { id, body: 'Au-dessus du seuil européen : appel d’offres.' }, expert)).errors).toBeUndefined();
    await waitForMails(4);
    expect(mailsTo('buyer@lorgues.test').map((one) => one.parsed.subject)).toEqual([
      `[${reference}] Nouveau message : Procédure pour la cantine`,
      `[${reference}] Réponse à votre demande de conseil : Procédure pour la cantine`,
    ]);
    expect(mailsTo('buyer@lorgues.test')[1]!.parsed.text).toContain('Experte Restauration a répondu');
    expect(mailsTo('buyer@lorgues.test')[1]!.parsed.text).toContain('> Au-dessus du seuil européen : appel d’offres.');
    const answer = expectBothParts(mailsTo('buyer@lorgues.test')[1]!);
    expect(answer.html).toContain('<p>Experte Restauration a répondu à votre demande de conseil');
    expect(answer.html).toContain('<blockquote style="margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc">Au-dessus du seuil européen : appel d’offres.</blockquote>');
    for (const one of sink.received) expectBothParts(one);
    expect(mailsTo(CANTEEN_EXPERT_EMAIL).map((one) => one.parsed.text).at(-1)).toContain('Buyer Lorgues a écrit');
  });

  it('sends a request without correspondent to the direction’s admins, then to the expert an admin names, who is reminded once it is late', async () => {
    const before = sink.received.length;
    const asked = await hub.gql(
      ASK,
      { input: { stage: 'ANALYSIS', familySlug: 'nettoyage', subject: 'Offre anormalement basse', question: 'Une offre 40 % sous les autres : que faire ?' } },
      lorgues,
    );
    const { id, reference, state } = asked.data!.askAdvice;
    expect(state).toBe('SUBMITTED');
    await waitForMails(before + 1);
    const toAdmin = sink.received.at(-1)!;
    expect(toAdmin.envelope.to).toEqual(['admin@agglo.test']);
    expect(toAdmin.parsed.text).toContain('merci d’attribuer la demande à un expert');

    expect((await hub.gql(ASSIGN, { id, expertId }, admin)).errors).toBeUndefined();
    await waitForMails(before + 2);
    expect(sink.received.at(-1)!.envelope.to).toEqual([CANTEEN_EXPERT_EMAIL]);
    expect(sink.received.at(-1)!.parsed.subject).toBe(`[${reference}] Demande de conseil attribuée : Offre anormalement basse`);

    // Due at the end of Friday 11 December (Paris): late from midnight, reminded once.
    hub.clock.set('2026-12-11T23:00:00Z');
    expect(await reportOverdueAdvice(hub.orm, hub.clock, hub.config.hubPublicUrl)).toEqual([reference]);
    expect(await reportOverdueAdvice(hub.orm, hub.clock, hub.config.hubPublicUrl)).toEqual([]);
    await waitForMails(before + 3);
    const reminder = sink.received.at(-1)!;
    expect(reminder.envelope.to).toEqual([CANTEEN_EXPERT_EMAIL]);
    expect(reminder.parsed.subject).toBe(`[${reference}] Demande de conseil en retard : Offre anormalement basse`);
    expect(reminder.parsed.text).toContain('elle était attendue au plus tard le vendredi 11 décembre 2026');
    expect(expectBothParts(reminder).html).toContain('elle était attendue au plus tard le vendredi 11 décembre 2026.</p>');
    for (const one of sink.received.slice(before)) expectBothParts(one);
  });

  it('names the asker and the expert in the mails to them, never in the events the outbox gives to webhooks', async () => {
    const events = await hub.orm.em.fork().find(OutboxEvent, { type: { $like: 'advice.%' } });
    expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['advice.submitted', 'advice.message', 'advice.answered', 'advice.assigned', 'advice.overdue']));
    const told = JSON.stringify(events.map((event) => event.payload));
    for (const secret of ['Buyer Lorgues', 'Experte Restauration', 'Admin Agglo', 'buyer@lorgues.test', 'restauration@agglo.test', 'cantine', 'MAPA', 'seuil européen', 'anormalement']) {
      expect(told).not.toContain(secret);
    }
    expect(sink.received.some((mail) => mail.parsed.text!.includes('Buyer Lorgues'))).toBe(true);
  });
});
