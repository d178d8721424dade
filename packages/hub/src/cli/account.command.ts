import type { HubConfig } from '../shared/config.js';
import { createStaffAccount } from '../staff/staff-account.service.js';
import { withMigratedDatabase } from './migrated-database.js';
import { deactivateAccount } from '../auth/demo-accounts.js';

export async function accountCommand(
  config: HubConfig,
  values: { email?: string; name?: string; organisation?: string; role?: string },
): Promise<number> {
  const missing = (['email', 'name', 'organisation', 'role'] as const).filter((key) => !values[key]);
  if (missing.length) {
    console.error(`Missing ${missing.map((key) => `--${key}`).join(', ')}`);
    return 2;
  }
  return withMigratedDatabase(config, async (orm) => {
    const { member, password } = await createStaffAccount(orm.em.fork(), {
      email: values.email!,
      name: values.name!,
      organisationSiren: values.organisation!,
      role: values.role!.toUpperCase(),
    });
    console.log(`Created ${member.role} account ${member.email}.`);
    console.log(`Password (shown once, give it to the person by a safe channel): ${password}`);
    return 0;
  });
}

/** `account deactivate --email E`: the account can no longer sign in and its tokens stop working. */
export async function accountDeactivateCommand(config: HubConfig, values: { email?: string }): Promise<number> {
  const email = values.email?.trim().toLowerCase();
  if (!email) {
    console.error('Missing --email');
    return 2;
  }
  return withMigratedDatabase(config, async (orm) => {
    if (!(await deactivateAccount(orm.em.fork(), email))) {
      console.error(`No active account uses ${email}.`);
      return 1;
    }
    console.log(`Deactivated ${email}.`);
    return 0;
  });
}
