import { seedDemo } from '../seed/demo.seed.js';
import { seedTerritory } from '../seed/territory.seed.js';
import type { HubConfig } from '../shared/config.js';
import { withMigratedDatabase } from './migrated-database.js';

export async function seedCommand(config: HubConfig, options: { demo: boolean }): Promise<number> {
  if (options.demo && config.env === 'production') {
    console.error('Refusing to load demo data with NODE_ENV=production: demo accounts share a published password.');
    return 1;
  }
  return withMigratedDatabase(config, async (orm) => {
    const territory = await seedTerritory(orm.em.fork());
    console.log(`Territory: ${territory.created} created, ${territory.updated} updated.`);
    if (options.demo) {
      const demo = await seedDemo(orm.em.fork(), config, new Date());
      console.log(`Demo: ${demo.staffCreated} staff account(s) and ${demo.noticesCreated} notice(s) and ${demo.plannedPurchasesCreated ?? 0} planned purchase(s) created.`);
      const trainings = demo.trainings;
      if (trainings) {
        console.log(
          `Demo trainings: ${trainings.trainingsCreated} training(s), ${trainings.sessionsCreated} session(s), ${trainings.enrollmentsCreated} enrolment(s) created${trainings.charterPublished ? '; ethics charter published and signed' : ''}.`,
        );
      }
    }
    return 0;
  });
}
