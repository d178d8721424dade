import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEuros } from '../../site/src/lib/format/money.js';
import { axeViolations } from './support/axe.js';
import { chromiumAvailable } from '../../packages/hub/src/test-support/chromium.js';
import { graphql, startSeededHub } from './support/hub-process.js';
import { startSiteUnderTest, type SiteUnderTest } from './support/site-under-test.js';

// A notice page shows the groupement de commandes it is published for and how much of its framework agreement is
// used, and the publicity the law requires of it and why; a buyer's page leads to its indicators. Built from the demo hub, checked against what the hub says.

interface HubNotice {
  reference: string;
  organisation: { slug: string };
  purchasingGroup: { subject: string; coordinator: { slug: string; name: string }; members: { slug: string; name: string }[] } | null;
  frameworkAgreement: { maximumAmount: number | null; consumedAmount: number; orders: { reference: string }[] } | null;
  publicity: { level: string; label: string; explanation: string } | null;
}

const QUERY = `{ notices(first: 200) { edges { node { reference organisation { slug }
  purchasingGroup { subject coordinator { slug name } members { slug name } }
  frameworkAgreement { maximumAmount consumedAmount orders { reference } }
  publicity { level label explanation } } } } }`;

const hasChromium = chromiumAvailable();

describe('groups and framework agreements on the public site', () => {
  let site: SiteUnderTest;
  let notices: HubNotice[];
  const page = async (pathname: string) => {
    const response = await fetch(`${site.url}${pathname}`);
    expect(response.status, pathname).toBe(200);
    return response.text();
  };
  /** The text of the HTML, tags dropped and spaces (no-break ones included) made plain. */
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/[\s\u00A0\u202F]+/g, ' ');
  const euros = (amount: number) => formatEuros(amount).replace(/[\u00A0\u202F]/g, ' ');

  beforeAll(async () => {
    site = await startSiteUnderTest({ startHub: startSeededHub, browser: hasChromium });
    const answer = await graphql<{ notices: { edges: { node: HubNotice }[] } }>(site.hub.graphqlUrl, QUERY);
    notices = answer.notices.edges.map((edge) => edge.node);
  });
  afterAll(() => site?.close());

  it('names the group of a notice, its coordinator and every member, each linked to its buyer page', async () => {
    const grouped = notices.find((notice) => notice.purchasingGroup)!;
    const group = grouped.purchasingGroup!;
    const html = await page(`/avis/${grouped.reference}/`);
    expect(text(html)).toContain(`Objet du groupement ${group.subject}`);
    expect(text(html)).toContain(`Membres (${group.members.length})`);
    expect(text(html)).toContain(`${group.coordinator.name} (coordonnateur)`);
    for (const member of group.members) {
      expect(html).toContain(`<a href="/acheteurs/${member.slug}/">${member.name}</a>`);
      await page(`/acheteurs/${member.slug}/`);
    }
  });

  it('shows a framework agreement’s consumed amount against its maximum, and each subsequent order', async () => {
    const framework = notices.find((notice) => (notice.frameworkAgreement?.orders.length ?? 0) > 0)!;
    const { consumedAmount, maximumAmount, orders } = framework.frameworkAgreement!;
    const html = text(await page(`/avis/${framework.reference}/`));
    const share = Math.round((consumedAmount / maximumAmount!) * 100);
    expect(html).toContain(`Montant consommé ${euros(consumedAmount)} HT, soit ${share} % du maximum`);
    expect(html).toContain(`Montant restant ${euros(maximumAmount! - consumedAmount)} HT`);
    expect(html).toContain('Méthode de calcul Somme du montant attribué pour chaque lot');
    expect(html).toContain(`Marchés subséquents et bons de commande (${orders.length})`);
    for (const order of orders) expect(html).toContain(order.reference);
  });

  it('states on each notice page the publicity the hub derives from the thresholds, and why, for every level the demo has', async () => {
    const byLevel = new Map<string, HubNotice>();
    for (const notice of notices) if (notice.publicity && !byLevel.has(notice.publicity.level)) byLevel.set(notice.publicity.level, notice);
    expect([...byLevel.keys()].sort()).toEqual(expect.arrayContaining(['ADAPTED', 'NATIONAL']));
    for (const notice of byLevel.values()) {
      const html = await page(`/avis/${notice.reference}/`);
      const { level, label, explanation } = notice.publicity!;
      expect(html, notice.reference).toContain(`data-publicity="${level}"`);
      expect(text(html), notice.reference).toContain(`Publicité requise ${label} ${text(explanation)}`);
    }
  });

  it('links a buyer’s page to its indicators page, which exists', async () => {
    const html = await page('/acheteurs/draguignan/');
    expect(html).toContain('<a href="/indicateurs/acheteurs/draguignan/">Indicateurs d’achat de');
    await page('/indicateurs/acheteurs/draguignan/');
  });

  it.skipIf(!hasChromium)('keeps these pages free of accessibility violations found by axe-core', async () => {
    const grouped = notices.find((notice) => notice.purchasingGroup && notice.frameworkAgreement?.orders.length)!;
    const pathnames = [`/avis/${grouped.reference}/`, '/acheteurs/draguignan/'];
    expect(await axeViolations(site.browser!, site.url, pathnames, { alsoWithoutJavaScript: false })).toEqual([]);
  });
});
