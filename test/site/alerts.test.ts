import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../packages/hub/src/test-support/smtp-sink.js';
import { axeViolations } from './support/axe.js';
import { chromiumAvailable } from '../../packages/hub/src/test-support/chromium.js';
import { startSeededHub } from './support/hub-process.js';
import { startSiteUnderTest, type SiteUnderTest } from './support/site-under-test.js';

// The "Recevoir les alertes" page of the built site: a plain form posting to the hub, which answers with a 303 to a
// page of the site and mails the confirmation to a real SMTP server. The site's address the hub sends visitors back
// to is a made-up host the browser answers itself, so nothing leaves the machine.

const SITE_URL = 'http://site-des-marches.invalid';
const hasChromium = chromiumAvailable();

describe('the alert subscription form on the public site', () => {
  let site: SiteUnderTest;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    // The hub is a child process started with this worker's environment.
    process.env.SMTP_URL = sink.url;
    process.env.SITE_URL = SITE_URL;
    process.env.MAIL_POLL_MS = '50';
    site = await startSiteUnderTest({ startHub: () => startSeededHub(), browser: hasChromium });
  }, 600_000);

  afterAll(async () => {
    await site?.close();
    await sink?.close();
  });

  it('is linked from the open notices and offers every criterion, posting to the hub', async () => {
    const list = await (await fetch(`${site.url}/avis/`)).text();
    expect(list).toContain('<a href="/alertes/">Recevoir les nouveaux avis par courriel</a>');
    const page = await (await fetch(`${site.url}/alertes/`)).text();
    expect(page).toContain(`<form class="alert-form" method="post" action="${site.hub.baseUrl}/alerts/subscribe"`);
    for (const name of ['email', 'frequency', 'communes', 'buyers', 'families', 'keywords', 'cpv', 'minAmount', 'maxAmount', 'procedures', 'includePlanned', 'website']) {
      expect(page, name).toContain(`name="${name}"`);
    }
    expect(page).toMatch(/value="83072"[^>]*\/?>\s*Lorgues/);
    for (const path of ['/alertes/verifiez-vos-courriels/', '/alertes/confirmee/', '/alertes/desabonnement/']) expect((await fetch(`${site.url}${path}`)).status, path).toBe(200);
  });

  it.skipIf(!hasChromium).each([false, true])('subscribes with JavaScript %s: the hub sends the visitor to the site and mails the confirmation', async (javaScriptEnabled) => {
    const context = await site.browser!.newContext({ locale: 'fr-FR', javaScriptEnabled });
    try {
      const page = await context.newPage();
      await page.route(`${SITE_URL}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>ok</title>' }));
      await page.goto(`${site.url}/alertes/`);
      const address = `plombier-${javaScriptEnabled ? 'js' : 'sans-js'}@exemple.fr`;
      await page.getByLabel('Adresse électronique (obligatoire)').fill(address);
      await page.getByRole('group', { name: 'Communes où le marché s’exécute' }).getByLabel('Lorgues', { exact: true }).check();
      await page.getByLabel('Mots-clés, séparés par des virgules').fill('élagage, tonte');
      await page.getByLabel('Un résumé par jour, à 7 h').check();
      const answer = page.waitForResponse((response) => response.url().endsWith('/alerts/subscribe'));
      await page.getByRole('button', { name: 'Recevoir les alertes' }).click();
      expect((await answer).status()).toBe(303);
      await page.waitForURL(`${SITE_URL}/alertes/verifiez-vos-courriels/`);
      const deadline = Date.now() + 20_000;
      while (!sink.received.some((mail) => mail.envelope.to.includes(address)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const mail = sink.received.find((one) => one.envelope.to.includes(address));
      expect(mail?.parsed.subject).toBe('Confirmez votre alerte sur les marchés publics de la Dracénie');
      expect(mail?.parsed.text).toContain('Communes : Lorgues');
      expect(mail?.parsed.text).toContain('Mots-clés : « élagage », « tonte »');
      expect(mail?.parsed.text).toContain('une fois par jour');
    } finally {
      await context.close();
    }
  });

  it.skipIf(!hasChromium)('has no accessibility violation axe can find on the form and the result pages', async () => {
    expect(await axeViolations(site.browser!, site.url, ['/alertes/', '/alertes/verifiez-vos-courriels/', '/alertes/confirmee/', '/alertes/desabonnement/'])).toEqual([]);
  });
});
