import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/sqlite';
import { openOrm } from '../db/orm.js';
import { parseConfig } from '../shared/config.js';
import { MIGRATIONS } from './index.js';

const MINE = MIGRATIONS.findIndex((migration) => migration.name === 'Migration20261129005000_trainings_and_charter');
const BEFORE = MIGRATIONS[MINE - 1]!.name;
const NOW = '2026-11-01T09:00:00.000Z';

describe('the trainings and charter migration', () => {
  let orm: MikroORM | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await orm?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds the staff table for the TRAINER role without losing staff or the rows that point at them', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-migration-'));
    orm = await openOrm(parseConfig({ DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}`, LOG_LEVEL: 'silent' }));
    const migrator = orm.getMigrator();
    await migrator.up({ to: BEFORE });
    // Later migrations may come after this one; the rebuild is tested against the schema it was written for.
    const sql = orm.em.getConnection();
    // Raw rows as the previous release wrote them: a staff member, a token, a notice and an audit entry of theirs.
    await sql.execute(
      `insert into organisation (id, created_at, updated_at, siren, slug, name, kind, reference_code) values ('o1', ?, ?, '218300507', 'draguignan', 'Draguignan', 'COMMUNE', 'DRA')`,
      [NOW, NOW],
    );
    await sql.execute(
      `insert into staff_member (id, created_at, updated_at, email, name, organisation_id, role, password_hash, active) values ('s1', ?, ?, 'a@b.test', 'A B', 'o1', 'BUYER', 'x', 1)`,
      [NOW, NOW],
    );
    await sql.execute(
      `insert into auth_token (id, created_at, updated_at, token_hash, staff_member_id, expires_at) values ('t1', ?, ?, 'h', 's1', ?)`,
      [NOW, NOW, NOW],
    );
    await sql.execute(
      `insert into notice (id, created_at, updated_at, reference, title, description, organisation_id, nature, procedure, main_cpv, additional_cpvs, submission_deadline, buyer_profile_url, contact_email, created_by_id)
       values ('n1', ?, ?, '2026-DRA-0001', 'T', 'D', 'o1', 'SERVICES', 'ADAPTED', '77310000-6', '[]', ?, 'https://x.example', 'm@x.example', 's1')`,
      [NOW, NOW, NOW],
    );
    await sql.execute(
      `insert into audit_entry (id, created_at, updated_at, actor_id, action, entity_type, entity_id) values ('a1', ?, ?, 's1', 'login', 'StaffMember', 's1')`,
      [NOW, NOW],
    );

    await migrator.up({ to: MIGRATIONS[MINE]!.name });

    expect(await sql.execute(`select id, email, role from staff_member`)).toEqual([{ id: 's1', email: 'a@b.test', role: 'BUYER' }]);
    expect(await sql.execute(`select staff_member_id from auth_token`)).toEqual([{ staff_member_id: 's1' }]);
    expect(await sql.execute(`select created_by_id from notice`)).toEqual([{ created_by_id: 's1' }]);
    expect(await sql.execute(`select actor_id from audit_entry`)).toEqual([{ actor_id: 's1' }]);
    expect(await sql.execute(`pragma foreign_key_check`)).toEqual([]);
    await sql.execute(`update staff_member set role = 'TRAINER' where id = 's1'`);
    await expect(sql.execute(`update staff_member set role = 'ASTRONAUT' where id = 's1'`)).rejects.toThrow(/CHECK constraint/);
    // Foreign keys are enforced again once the rebuild is over.
    await expect(sql.execute(`update notice set created_by_id = 'nobody' where id = 'n1'`)).rejects.toThrow(/FOREIGN KEY/);
  });
});
