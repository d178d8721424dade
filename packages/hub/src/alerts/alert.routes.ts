import formbody from '@fastify/formbody';
import { retryAfterSeconds } from '../auth/sign-in-delay.js';
import type { MikroORM } from '@mikro-orm/sqlite';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Organisation } from '../organisations/organisation.entity.js';
import { PurchasingFamily } from '../families/purchasing-family.entity.js';
import { getTerritory } from '../reference/territory.js';
import type { Clock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import { parseAddressForm, parseCriteriaForm, parseSubscriptionForm, type FormBody } from './alert-form.js';
import { confirmPage, invalidLinkPage, managePage, problemPage, tooManyRequestsPage, unsubscribePage, type CriteriaChoices } from './alert-pages.js';
import { takeClientRequest } from './alert-request-limits.js';
import { AlertSubscriptionService, loadCriteriaNames } from './alert-subscription.service.js';

/** The site's pages the endpoints send visitors back to (built by the site, `site/src/pages/alertes/`). */
export const SITE_PAGES = {
  checkYourMail: '/alertes/verifiez-vos-courriels/',
  confirmed: '/alertes/confirmee/',
  unsubscribed: '/alertes/desabonnement/',
} as const;

type TokenQuery = { Querystring: { token?: string; saved?: string } };

/**
 * The public endpoints of the e-mail alerts: plain HTML forms post here (no JavaScript needed) and the visitor is
 * sent back to a page of the site (303). Links in mails open a page with a button, so that a link checker following
 * them changes nothing; the one-click unsubscribe of mail clients (RFC 8058) POSTs `List-Unsubscribe=One-Click`.
 */
export async function registerAlertRoutes(app: FastifyInstance, orm: MikroORM, config: HubConfig, clock: Clock): Promise<void> {
  const site = { siteUrl: config.siteUrl };
  const service = () => new AlertSubscriptionService({ em: orm.em.fork(), now: clock.now(), urls: config });
  const toSite = (reply: FastifyReply, path: string) => reply.code(303).header('location', `${config.siteUrl}${path}`).send();
  const html = (reply: FastifyReply, status: number, body: string) =>
    reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      // The page's address holds a secret token: no referrer, no indexing, no framing.
      .header('referrer-policy', 'no-referrer')
      .header('x-robots-tag', 'noindex')
      .header('content-security-policy', `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${new URL(config.siteUrl).origin}; frame-ancestors 'none'; base-uri 'none'`)
      .send(body);
  const limited = async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    const waitMs = await takeClientRequest(orm.em.fork(), request.ip, clock.now());
    if (waitMs === 0) return false;
    const wait = retryAfterSeconds(waitMs);
    await html(reply.header('retry-after', String(wait)), 429, tooManyRequestsPage(site, wait));
    return true;
  };

  const choices = async (): Promise<CriteriaChoices> => {
    const em = orm.em.fork();
    const [organisations, families] = await Promise.all([
      em.find(Organisation, { kind: { $in: ['AGGLOMERATION', 'COMMUNE'] } }, { fields: ['slug', 'name'], orderBy: { name: 'asc' } }),
      em.find(PurchasingFamily, {}, { fields: ['slug', 'name'], orderBy: { position: 'asc', name: 'asc' } }),
    ]);
    const communes = [...getTerritory().communes].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    return {
      communes: communes.map((commune) => ({ value: commune.inseeCode, label: commune.name })),
      buyers: organisations.map((one) => ({ value: one.slug, label: one.name })),
      families: families.map((one) => ({ value: one.slug, label: one.name })),
    };
  };

  await app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: 64 * 1024 });
    // RFC 8058 lets mail clients send the one-click POST as multipart/form-data; its body is not needed.
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => done(null, { raw: body }));

    scope.post<{ Body: FormBody }>('/alerts/subscribe', async (request, reply) => {
      if (await limited(request, reply)) return reply;
      const parsed = parseSubscriptionForm(request.body ?? {});
      if (!parsed.ok) return html(reply, 400, problemPage(site, parsed.message, parsed.field));
      // A robot is answered as a person is, and nothing is sent.
      if (!parsed.robot) await service().subscribe(parsed);
      return toSite(reply, SITE_PAGES.checkYourMail);
    });

    scope.post<{ Body: FormBody }>('/alerts/data', async (request, reply) => {
      if (await limited(request, reply)) return reply;
      const parsed = parseAddressForm(request.body ?? {});
      if (!parsed.ok) return html(reply, 400, problemPage(site, parsed.message, parsed.field));
      if (!parsed.robot) await service().requestDataHeld(parsed.email);
      return toSite(reply, SITE_PAGES.checkYourMail);
    });

    scope.get<TokenQuery>('/alerts/confirm', async (request, reply) => {
      const token = request.query.token;
      if (!(await service().isPendingConfirmation(token))) return html(reply, 404, invalidLinkPage(site));
      return html(reply, 200, confirmPage(site, token!));
    });

    scope.post<{ Body: FormBody }>('/alerts/confirm', async (request, reply) => {
      const outcome = await service().confirm(request.body?.token);
      if (outcome === 'invalid') return html(reply, 404, invalidLinkPage(site));
      return toSite(reply, SITE_PAGES.confirmed);
    });

    scope.get<TokenQuery>('/alerts/unsubscribe', async (request, reply) => {
      const token = request.query.token;
      if (!(await service().findByManageToken(token))) return html(reply, 404, invalidLinkPage(site));
      return html(reply, 200, unsubscribePage(site, token!));
    });

    scope.post<TokenQuery & { Body: FormBody | { raw: string } | undefined }>('/alerts/unsubscribe', async (request, reply) => {
      await service().unsubscribe(request.query.token);
      const body = request.body;
      const oneClick = body !== undefined && ('raw' in body ? /List-Unsubscribe/.test(String(body.raw)) && /One-Click/.test(String(body.raw)) : body['List-Unsubscribe'] === 'One-Click');
      if (oneClick) return reply.code(200).header('content-type', 'text/plain; charset=utf-8').send('Désabonnement enregistré : votre alerte est supprimée.');
      return toSite(reply, SITE_PAGES.unsubscribed);
    });

    scope.post<TokenQuery>('/alerts/forget', async (request, reply) => {
      await service().forgetAddress(request.query.token);
      return toSite(reply, SITE_PAGES.unsubscribed);
    });

    scope.get<TokenQuery>('/alerts/manage', async (request, reply) => {
      const token = request.query.token;
      const subscription = await service().findByManageToken(token);
      if (!subscription) return html(reply, 404, invalidLinkPage(site));
      const names = await loadCriteriaNames(orm.em.fork(), subscription.criteria);
      return html(
        reply,
        200,
        managePage(site, {
          token: token!,
          criteria: subscription.criteria,
          frequency: subscription.frequency,
          confirmed: subscription.confirmedAt !== null,
          names,
          choices: await choices(),
          saved: request.query.saved === '1',
        }),
      );
    });

    scope.post<TokenQuery & { Body: FormBody }>('/alerts/manage', async (request, reply) => {
      const token = request.query.token;
      const parsed = parseCriteriaForm(request.body ?? {});
      if (!parsed.ok) return html(reply, 400, problemPage(site, parsed.message, parsed.field));
      if (!(await service().update(token, parsed))) return html(reply, 404, invalidLinkPage(site));
      return reply.code(303).header('location', `${config.hubPublicUrl}/alerts/manage?token=${encodeURIComponent(token!)}&saved=1`).send();
    });
  });
}
