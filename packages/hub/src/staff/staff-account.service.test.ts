import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.js';
import { SIREN, startTestHub, type TestHub } from '../test-support/test-hub.js';
import { createStaffAccount } from './staff-account.service.js';
import { StaffMember } from './staff-member.entity.js';

// `pnpm hub account create` and the demo seed create accounts without the API, so without its text rule
// (server/text-arguments.ts): the service applies the same rule (issue 11, point 2).

describe('creating a staff account outside the API', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub?.close());

  const refusal = async (account: Parameters<typeof createStaffAccount>[1]) => {
    const error = await createStaffAccount(hub.orm.em.fork(), account).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).details.fields as { field: string; code: string; message: string }[];
  };

  it.each([
    ['a bell', 7],
    ['an escape', 0x1b],
    ['a NUL byte', 0],
    ['a right-to-left override', 0x202e],
  ])('refuses a name holding %s, naming the field, and creates nothing', async (_what, codePoint) => {
    const email = `agent-${codePoint}@draguignan.test`;
    const fields = await refusal({ email, name: `Agent${String.fromCharCode(codePoint)} Martin`, organisationSiren: SIREN.draguignan, role: 'BUYER' });
    expect(fields).toEqual([{ field: 'name', code: 'FORBIDDEN_CHARACTER', message: expect.stringMatching(/^Le champ name contient un /) }]);
    expect(await hub.orm.em.fork().count(StaffMember, { email })).toBe(0);
  });

  it('lists every refused field at once', async () => {
    const fields = await refusal({ email: 'pas une adresse', name: ' ', organisationSiren: '000000000', role: 'ASTRONAUT' });
    expect(fields.map((problem) => [problem.field, problem.code])).toEqual([
      ['email', 'INVALID'],
      ['name', 'MISSING'],
      ['role', 'INVALID'],
      ['organisation', 'INVALID'],
    ]);
  });

  it('accepts a name with accents, apostrophes and a hyphen', async () => {
    const { member } = await createStaffAccount(hub.orm.em.fork(), {
      email: 'anne-lise@draguignan.test',
      name: 'Anne-Lise d’Héricourt',
      organisationSiren: SIREN.draguignan,
      role: 'BUYER',
    });
    expect(member.name).toBe('Anne-Lise d’Héricourt');
  });
});
