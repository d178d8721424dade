import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addressKey } from '../mail/mail-address.js';
import { MailMessage } from '../mail/mail-message.entity.js';
import { startMailWorker, type MailWorker } from '../mail/mail-worker.js';
import { eventually } from '../test-support/eventually.js';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { AlertSubscription } from './alert-subscription.entity.js';
import { purgeUnconfirmedSubscriptions } from './alert-subscription.service.js';

const ADDRESS = 'Plomberie.Lorgues@exemple.fr';
const SITE = 'https://marches.dracenie.example';

describe('subscribing to the e-mail alerts', () => {
  let hub: TestHub;
  let sink: SmtpSink;
  let worker: MailWorker;
  let origin: string;

  beforeEach(async () => {
    hub = await startTestHub();
    origin = new URL(hub.url).origin;
    // Links in mails lead to the hub as the public reaches it, and visitors go back to the site.
    Object.assign(hub.config, { siteUrl: SITE, hubPublicUrl: origin });
    sink = await startSmtpSink();
    worker = startMailWorker(hub.orm, { ...hub.config, mail: { ...hub.config.mail, transport: { kind: 'smtp', url: sink.url } } }, hub.clock, { info: () => {}, warn: () => {} }, { pollMs: 20 });
  });
  afterEach(async () => {
    await worker.stop();
    await sink.close();
    await hub.close();
  });

  const form = (fields: Array<[string, string]>) => new URLSearchParams(fields).toString();
  const post = (path: string, fields: Array<[string, string]>, headers: Record<string, string> = {}) =>
    fetch(`${origin}${path}`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: form(fields) });
  const get = (url: string) => fetch(url, { redirect: 'manual' });
  const subscriptions = () => hub.orm.em.fork().find(AlertSubscription, {}, { orderBy: { createdAt: 'asc' } });
  const linkIn = (text: string, path: string) => {
    const found = text.match(new RegExp(`${origin.replace(/[.:/]/g, '\\$&')}${path}\\?token=[A-Za-z0-9_-]+`));
    if (!found) throw new Error(`no ${path} link in:\n${text}`);
    return found[0];
  };
  const subscribeForm: Array<[string, string]> = [
    ['email', ADDRESS],
    ['communes', '83072'],
    ['communes', '83050'],
    ['families', 'espaces-verts'],
    ['keywords', 'tonte, élagage'],
    ['cpv', '7731 45112710-5'],
    ['minAmount', '40 000'],
    ['procedures', 'ADAPTED'],
    ['frequency', 'DAILY'],
    ['website', ''],
  ];

  it('sends a confirmation mail and nothing else until its link is followed with the button, then the alert is active', async () => {
    const response = await post('/alerts/subscribe', subscribeForm);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${SITE}/alertes/verifiez-vos-courriels/`);

    const confirmation = await eventually(() => sink.received[0], { what: 'the confirmation mail' });
    expect(confirmation.envelope.to).toEqual(['plomberie.lorgues@exemple.fr']);
    expect(confirmation.parsed.subject).toBe('Confirmez votre alerte sur les marchés publics de la Dracénie');
    const text = confirmation.parsed.text ?? '';
    expect(text).toContain('Communes : Lorgues, Draguignan');
    expect(text).toContain('Familles d’achats : ');
    expect(text).toContain('Mots-clés : « tonte », « élagage »');
    expect(text).toContain('Codes CPV commençant par : 7731, 45112710');
    expect(text).toMatch(/Montant estimé \(HT\) : à partir de 40\s000\s€/);
    expect(text).toContain('Procédure adaptée (MAPA)');
    expect(text).toContain('une fois par jour');
    expect(text).toContain('mardi 8 décembre 2026');
    expect(confirmation.parsed.html).toContain('Confirmer mon alerte');
    const [pending] = await subscriptions();
    expect(pending).toMatchObject({ confirmedAt: null, frequency: 'DAILY', email: 'plomberie.lorgues@exemple.fr' });
    expect(pending!.criteria).toMatchObject({ communes: ['83072', '83050'], keywords: ['tonte', 'élagage'], cpvPrefixes: ['7731', '45112710'], minAmount: 40_000, maxAmount: null });

    // A link checker that opens the link changes nothing: the page asks for a click.
    const link = linkIn(text, '/alerts/confirm');
    const page = await get(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const body = await page.text();
    expect(body).toContain('<html lang="fr">');
    expect(body).toContain('<button type="submit">Confirmer mon alerte</button>');
    expect((await subscriptions())[0]!.confirmedAt).toBeNull();

    const token = new URL(link).searchParams.get('token')!;
    const confirmed = await post('/alerts/confirm', [['token', token]]);
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`${SITE}/alertes/confirmee/`);
    expect((await subscriptions())[0]!.confirmedAt?.toISOString()).toBe(hub.clock.now().toISOString());

    const welcome = await eventually(() => sink.received[1], { what: 'the welcome mail' });
    expect(welcome.parsed.subject).toBe('Votre alerte sur les marchés publics de la Dracénie est active');
    const header = (name: string) => welcome.parsed.headerLines.find((line) => line.key === name)?.line.replace(/\r?\n\s+/g, ' ');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(header('list-unsubscribe')).toBe(`List-Unsubscribe: <${linkIn(welcome.parsed.text ?? '', '/alerts/unsubscribe')}>`);
    expect(welcome.parsed.text).toContain(linkIn(welcome.parsed.text ?? '', '/alerts/manage'));

    // The link is spent.
    expect((await post('/alerts/confirm', [['token', token]])).status).toBe(404);
    expect((await get(link)).status).toBe(404);
  });

  it('answers a known address, an unknown one and a repeated request alike, and mails an address at most once a quarter hour', async () => {
    const first = await post('/alerts/subscribe', subscribeForm);
    const again = await post('/alerts/subscribe', subscribeForm);
    const other = await post('/alerts/subscribe', [['email', 'autre@exemple.fr']]);
    for (const response of [first, again, other]) {
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`${SITE}/alertes/verifiez-vos-courriels/`);
    }
    expect(await first.text()).toBe(await again.text());
    await eventually(() => sink.received.length === 2, { what: 'two mails' });
    await worker.drain();
    expect(sink.received.map((mail) => mail.envelope.to[0]).sort()).toEqual(['autre@exemple.fr', 'plomberie.lorgues@exemple.fr']);
    expect(await subscriptions()).toHaveLength(2);

    hub.clock.advance(16 * 60_000);
    await post('/alerts/subscribe', subscribeForm);
    await eventually(() => sink.received.length === 3, { what: 'a new confirmation after the window' });
  });

  it('refuses a bad form with a French page naming the field, and keeps nothing', async () => {
    for (const [fields, message] of [
      [[['email', 'pas-une-adresse']], 'Adresse électronique invalide'],
      [[['email', ADDRESS], ['cpv', '7']], 'Un code CPV s’écrit avec 2 à 8 chiffres'],
      [[['email', ADDRESS], ['minAmount', 'beaucoup']], 'Montant minimum invalide'],
      [[['email', ADDRESS], ['minAmount', '90 000'], ['maxAmount', '40 000']], 'Le montant maximum est inférieur au minimum'],
      [[['email', ADDRESS], ['procedures', 'AUCTION']], 'Procédure inconnue'],
      [[['email', ADDRESS], ['frequency', 'HOURLY']], 'Choisissez'],
    ] as Array<[Array<[string, string]>, string]>) {
      const response = await post('/alerts/subscribe', fields);
      expect(response.status, message).toBe(400);
      const body = await response.text();
      expect(body).toContain(message);
      expect(body).toContain('role="alert"');
    }
    expect(await subscriptions()).toHaveLength(0);
    expect(await hub.orm.em.fork().count(MailMessage, {})).toBe(0);
  });

  it('answers a robot that fills the hidden field as it answers a person, and sends it nothing', async () => {
    const response = await post('/alerts/subscribe', [['email', ADDRESS], ['website', 'https://spam.example']]);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${SITE}/alertes/verifiez-vos-courriels/`);
    expect(await subscriptions()).toHaveLength(0);
    expect(await hub.orm.em.fork().count(MailMessage, {})).toBe(0);
  });

  it('refuses a confirmation link older than 7 days, and deletes the request with the address', async () => {
    await post('/alerts/subscribe', subscribeForm);
    const mail = await eventually(() => sink.received[0], { what: 'the confirmation mail' });
    const link = linkIn(mail.parsed.text ?? '', '/alerts/confirm');
    hub.clock.advance(7 * 86_400_000 + 1000);
    expect((await get(link)).status).toBe(404);
    expect((await post('/alerts/confirm', [['token', new URL(link).searchParams.get('token')!]])).status).toBe(404);
    expect(await purgeUnconfirmedSubscriptions(hub.orm.em.fork(), hub.clock.now())).toBe(1);
    expect(await subscriptions()).toHaveLength(0);
  });

  const subscribeAndConfirm = async (email = ADDRESS, fields = subscribeForm) => {
    const before = sink.received.length;
    await post('/alerts/subscribe', fields.map(([name, value]) => [name, name === 'email' ? email : value] as [string, string]));
    const confirmation = await eventually(() => sink.received[before], { what: 'the confirmation mail' });
    const token = new URL(linkIn(confirmation.parsed.text ?? '', '/alerts/confirm')).searchParams.get('token')!;
    await post('/alerts/confirm', [['token', token]]);
    const welcome = await eventually(() => sink.received[before + 1], { what: 'the welcome mail' });
    return { manage: linkIn(welcome.parsed.text ?? '', '/alerts/manage'), unsubscribe: linkIn(welcome.parsed.text ?? '', '/alerts/unsubscribe') };
  };

  it.each([
    ['form-urlencoded', 'application/x-www-form-urlencoded', 'List-Unsubscribe=One-Click'],
    ['multipart', 'multipart/form-data; boundary=XYZ', '--XYZ\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--XYZ--\r\n'],
  ])('deletes the subscription and the address’s alert mails on the one-click POST of a mail client (%s)', async (_what, contentType, body) => {
    const { unsubscribe } = await subscribeAndConfirm();
    await worker.drain();
    const response = await fetch(unsubscribe, { method: 'POST', redirect: 'manual', headers: { 'content-type': contentType }, body });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Désabonnement enregistré');
    expect(await subscriptions()).toHaveLength(0);
    expect(await hub.orm.em.fork().count(MailMessage, { recipientKey: addressKey(ADDRESS) })).toBe(0);
    // Again: still done, nothing to say about it.
    expect((await fetch(unsubscribe, { method: 'POST', headers: { 'content-type': contentType }, body })).status).toBe(200);
  });

  it('asks for a click on the unsubscribe link of the mail body, then sends the visitor to the site', async () => {
    const { unsubscribe } = await subscribeAndConfirm();
    const page = await get(unsubscribe);
    expect(await page.text()).toContain('Me désabonner');
    expect(await subscriptions()).toHaveLength(1);
    const response = await fetch(unsubscribe, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${SITE}/alertes/desabonnement/`);
    expect(await subscriptions()).toHaveLength(0);
  });

  it('shows the criteria behind the manage link and saves new ones from the same form', async () => {
    const { manage } = await subscribeAndConfirm();
    const page = await (await get(manage)).text();
    expect(page).toContain('Communes : Lorgues, Draguignan');
    expect(page).toMatch(/<input type="checkbox" id="communes-\d+" name="communes" value="83072" checked> Lorgues/);
    expect(page).toContain('value="tonte, élagage"');

    const token = new URL(manage).searchParams.get('token')!;
    const saved = await post(`/alerts/manage?token=${token}`, [['communes', '83050'], ['keywords', 'toiture'], ['frequency', 'IMMEDIATE'], ['includePlanned', 'on']]);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${manage}&saved=1`);
    const [subscription] = await subscriptions();
    expect(subscription).toMatchObject({ frequency: 'IMMEDIATE', criteria: { communes: ['83050'], keywords: ['toiture'], families: [], cpvPrefixes: [], minAmount: null, includePlanned: true } });
    expect(await (await get(`${manage}&saved=1`)).text()).toContain('Vos nouveaux critères sont enregistrés');

    expect((await post(`/alerts/manage?token=${token}`, [['cpv', 'abc']])).status).toBe(400);
    expect((await subscriptions())[0]!.criteria.keywords).toEqual(['toiture']);
    expect((await get(`${origin}/alerts/manage?token=${'A'.repeat(43)}`)).status).toBe(404);
  });

  it('forgets the address entirely on request: every alert of it and its mails, not another address’s', async () => {
    const { manage } = await subscribeAndConfirm();
    hub.clock.advance(16 * 60_000);
    await subscribeAndConfirm(ADDRESS, [['email', ADDRESS], ['keywords', 'toiture']]);
    await subscribeAndConfirm('autre@exemple.fr');
    await worker.drain();
    expect(await subscriptions()).toHaveLength(3);
    const response = await post(`/alerts/forget?token=${new URL(manage).searchParams.get('token')}`, []);
    expect(response.headers.get('location')).toBe(`${SITE}/alertes/desabonnement/`);
    const left = await subscriptions();
    expect(left.map((one) => one.email)).toEqual(['autre@exemple.fr']);
    expect(await hub.orm.em.fork().count(MailMessage, { recipientKey: addressKey(ADDRESS) })).toBe(0);
    expect(await hub.orm.em.fork().count(MailMessage, { recipientKey: addressKey('autre@exemple.fr') })).toBe(2);
  });

  it('mails an address everything held about it, and nothing to the one who asks', async () => {
    await subscribeAndConfirm();
    hub.clock.advance(16 * 60_000);
    const response = await post('/alerts/data', [['email', ADDRESS]]);
    expect(response.headers.get('location')).toBe(`${SITE}/alertes/verifiez-vos-courriels/`);
    const mail = await eventually(() => sink.received[2], { what: 'the data-held mail' });
    expect(mail.envelope.to).toEqual(['plomberie.lorgues@exemple.fr']);
    expect(mail.parsed.text).toContain('Alerte 1 : confirmée le mardi 1 décembre 2026');
    expect(mail.parsed.text).toContain('Communes : Lorgues, Draguignan');
    const unknown = await post('/alerts/data', [['email', 'inconnu@exemple.fr']]);
    expect(unknown.headers.get('location')).toBe(response.headers.get('location'));
    const nothing = await eventually(() => sink.received[3], { what: 'the mail to the unknown address' });
    expect(nothing.parsed.text).toContain('ne détient aucune alerte');
  });

  it('lets ten requests from one client through at once, then makes each wait twice as long as the one before, with 429 and a French page', async () => {
    for (let index = 0; index < 10; index++) expect((await post('/alerts/subscribe', [['email', `n${index}@exemple.fr`]])).status).toBe(303);
    const refused = await post('/alerts/subscribe', [['email', 'n11@exemple.fr']]);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(await refused.text()).toContain('Trop de demandes');
    expect((await post('/alerts/data', [['email', 'n11@exemple.fr']])).status).toBe(429);
    hub.clock.advance(59_999);
    expect((await post('/alerts/subscribe', [['email', 'n11@exemple.fr']])).status).toBe(429);
    hub.clock.advance(1);
    expect((await post('/alerts/subscribe', [['email', 'n11@exemple.fr']])).status).toBe(303);
    const next = await post('/alerts/subscribe', [['email', 'n12@exemple.fr']]);
    expect(next.headers.get('retry-after')).toBe('120');
    expect(await subscriptions()).toHaveLength(11);
    // Counted in the database, keyed by a hash: another hub on it counts the same, and no address is stored in clear.
    const counters = await hub.orm.em.fork().getConnection().execute<Array<{ counter_key: string }>>('select counter_key from sign_in_throttle');
    expect(counters.length).toBeGreaterThan(0);
    for (const { counter_key } of counters) expect(counter_key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sends one confirmation mail to an address asked for eight times at once, and the next only after fifteen minutes', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => post('/alerts/subscribe', subscribeForm)));
    expect(answers.map((response) => response.status)).toEqual(Array<number>(8).fill(303));
    const em = hub.orm.em.fork();
    expect(await em.count(MailMessage, { recipientKey: addressKey(ADDRESS), kind: 'alert.confirmation' })).toBe(1);
    expect(await subscriptions()).toHaveLength(1);
    hub.clock.advance(15 * 60_000 - 1);
    await post('/alerts/data', [['email', ADDRESS]]);
    expect(await hub.orm.em.fork().count(MailMessage, { recipientKey: addressKey(ADDRESS) })).toBe(1);
    hub.clock.advance(1);
    await post('/alerts/data', [['email', ADDRESS]]);
    expect(await hub.orm.em.fork().count(MailMessage, { recipientKey: addressKey(ADDRESS), kind: 'alert.data-held' })).toBe(1);
  });
});
