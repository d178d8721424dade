import { startOverdueAdviceReporter } from '../advice/advice-overdue.js';
import { startDeadlineScheduler } from '../notices/deadline-scheduler.js';
import { createHubApp } from '../server/app.js';
import { systemClock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import { startWebhookDispatcher } from '../webhooks/webhook-dispatcher.js';
import { startMailWorker } from '../mail/mail-worker.js';
import { startAlertWorker } from '../alerts/alert-worker.js';
import { alertMailRenderers } from '../alerts/alert-mail-render.js';
import { withMigratedDatabase } from './migrated-database.js';
import { usableDemoAccounts } from '../auth/demo-accounts.js';

export async function serveCommand(config: HubConfig): Promise<number> {
  return withMigratedDatabase(config, async (orm) => {
    if (config.env === 'production') {
      const demo = await usableDemoAccounts(orm.em.fork());
      if (demo.length > 0) {
        console.error(
          [
            `Refusing to serve with NODE_ENV=production: ${demo.length} account(s) still accept the demo's published password:`,
            ...demo.map((email) => `  - ${email}`),
            'Deactivate each one with `pnpm hub account deactivate --email <address>` (or start from a database seeded without --demo), then start again.',
          ].join('\n'),
        );
        return 1;
      }
    }
    const { app } = await createHubApp(orm, config, systemClock);
    const scheduler = startDeadlineScheduler(orm, config, systemClock, (message) => app.log.info(message));
    const overdueAdvice = startOverdueAdviceReporter(orm, systemClock, config.hubPublicUrl, (message) => app.log.info(message));
    const dispatcher = startWebhookDispatcher(orm, config, systemClock, (message) => app.log.warn(message));
    // Where a demo mail was written is printed whatever LOG_LEVEL says: it is how the demo's mails are read.
    const mailWorker = startMailWorker(
      orm,
      config,
      systemClock,
      {
        info: (message) => (config.mail.transport.kind === 'files' ? console.log(message) : app.log.info(message)),
        warn: (message) => app.log.warn(message),
      },
      { renderers: alertMailRenderers({ siteUrl: config.siteUrl, hubPublicUrl: config.hubPublicUrl }) },
    );
    const alertWorker = startAlertWorker(orm, config, systemClock, (message) => app.log.warn(message), { onMatched: () => mailWorker.wake() });
    const address = await app.listen({ host: config.host, port: config.port });
    console.log(`Hub listening on ${address}/graphql (GraphiQL in a browser), health at ${address}/healthz`);

    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
    await scheduler.stop();
    await overdueAdvice.stop();
    await app.close();
    // After the API: no new event is written any more, and a delivery on its way is sent again after a restart.
    await dispatcher.stop();
    await alertWorker.stop();
    await mailWorker.stop();
    return 0;
  });
}
