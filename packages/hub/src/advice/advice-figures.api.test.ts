import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccount } from '../staff/staff-account.service.js';
import { PASSWORD, SIREN, startTestHub, type TestHub } from '../test-support/test-hub.js';

const FIGURES = 'withheld requestCount answeredCount medianWithheld medianWorkingDaysToFirstAnswer';
const STATISTICS = `{ adviceStatistics { minimumPeople years { year ${FIGURES}
  stages { stage label ${FIGURES} } families { family { slug } ${FIGURES} } } } }`;
const ASK = 'mutation($input: AskAdviceInput!) { askAdvice(input: $input) { id } }';
const ASSIGN = 'mutation($id: ID!, $expertId: ID!) { assignAdviceRequest(id: $id, expertId: $expertId) { state } }';
const ANSWER = 'mutation($id: ID!, $body: String!) { answerAdviceRequest(id: $id, body: $body) { state } }';

interface Figures {
  withheld: string | null;
  requestCount: number | null;
  answeredCount: number | null;
  medianWithheld: string | null;
  medianWorkingDaysToFirstAnswer: number | null;
}
interface Statistics {
  adviceStatistics: {
    minimumPeople: number;
    years: Array<Figures & { year: number; stages: Array<Figures & { stage: string; label: string }>; families: Array<Figures & { family: { slug: string } }> }>;
  };
}

const ASKERS = [
  { email: 'buyer@lorgues.test' },
  { email: 'buyer@draguignan.test' },
  { email: 'secretariat@lorgues.test', name: 'Secrétaire de Lorgues', organisationSiren: SIREN.lorgues },
  { email: 'dgs@draguignan.test', name: 'DGS de Draguignan', organisationSiren: SIREN.draguignan },
] as const;
const EXPERTS = ['expert.un@agglo.test', 'expert.deux@agglo.test', 'expert.trois@agglo.test'];

describe('the public figures of advice to the communes', () => {
  let hub: TestHub;
  const expertIds = new Map<string, string>();

  beforeAll(async () => {
    hub = await startTestHub({ now: '2025-12-15T09:00:00Z' });
    for (const asker of ASKERS) {
      if ('name' in asker) await createStaffAccount(hub.orm.em.fork(), { ...asker, role: 'BUYER', password: PASSWORD });
    }
    for (const email of EXPERTS) {
      const { member } = await createStaffAccount(hub.orm.em.fork(), { email, name: `Expert ${email}`, organisationSiren: SIREN.agglomeration, role: 'BUYER', password: PASSWORD });
      expertIds.set(email, member.id);
    }
  });
  afterAll(() => hub?.close());

  async function ask(askerEmail: string, stage: string, familySlug: string): Promise<string> {
    const result = await hub.gql<{ askAdvice: { id: string } }>(
      ASK,
      { input: { stage, familySlug, subject: 'Question de la commune', question: `Question confidentielle de ${askerEmail}` } },
      await hub.login(askerEmail),
    );
    expect(result.errors).toBeUndefined();
    return result.data!.askAdvice.id;
  }

  async function answer(id: string, expertEmail: string, at: string) {
    hub.clock.set(at);
    expect((await hub.gql(ASSIGN, { id, expertId: expertIds.get(expertEmail) }, await hub.login('admin@agglo.test'))).errors).toBeUndefined();
    expect((await hub.gql(ANSWER, { id, body: 'Voici la réponse.' }, await hub.login(expertEmail))).errors).toBeUndefined();
  }

  it('counts each year’s requests per stage and per family, withholding small groups and the group that would give them away', async () => {
    // 2025: one question, by one person: the whole year is withheld.
    await ask('buyer@lorgues.test', 'NEED', 'batiments');
    // 2026: Thursday 2 April, 11:00 in Paris.
    hub.clock.set('2026-04-02T09:00:00Z');
    const procedure = [];
    for (const { email } of ASKERS) procedure.push(await ask(email, 'PROCEDURE', 'batiments'));
    const need = [];
    for (const { email } of ASKERS.slice(0, 3)) need.push(await ask(email, 'NEED', 'informatique'));
    await ask(ASKERS[3].email, 'EXECUTION', 'restauration-collective');

    // First answers: the same day (0), Friday 3 April (1), Tuesday 7 April after Easter Monday (2), Thursday 9 April (4).
    await answer(procedure[0]!, EXPERTS[0]!, '2026-04-02T14:00:00Z');
    await answer(procedure[1]!, EXPERTS[1]!, '2026-04-03T08:00:00Z');
    await answer(procedure[2]!, EXPERTS[2]!, '2026-04-07T08:00:00Z');
    await answer(procedure[3]!, EXPERTS[0]!, '2026-04-09T08:00:00Z');
    await answer(need[0]!, EXPERTS[0]!, '2026-04-03T09:00:00Z');

    // Anyone may ask, without a token.
    const result = await hub.gql<Statistics>(STATISTICS);
    expect(result.errors).toBeUndefined();
    const { minimumPeople, years } = result.data!.adviceStatistics;
    expect(minimumPeople).toBe(3);
    expect(years.map((year) => year.year)).toEqual([2026, 2025]);
    const [y2026, y2025] = years;

    expect(y2026).toMatchObject({ withheld: null, requestCount: 8, answeredCount: 5, medianWithheld: null, medianWorkingDaysToFirstAnswer: 1 });
    const stage = (name: string) => y2026!.stages.find((entry) => entry.stage === name)!;
    expect(y2026!.stages.map((entry) => entry.stage)).toEqual(['NEED', 'SOURCING', 'PROCEDURE', 'DRAFTING', 'ANALYSIS', 'NEGOTIATION', 'EXECUTION']);
    expect(stage('PROCEDURE')).toEqual({
      stage: 'PROCEDURE',
      label: 'Choix de la procédure',
      withheld: null,
      requestCount: 4,
      answeredCount: 4,
      medianWithheld: null,
      medianWorkingDaysToFirstAnswer: 1.5,
    });
    // EXECUTION: one person; NEED: three people, but 8 − 4 − 0… would give EXECUTION's figure away.
    expect(stage('EXECUTION')).toMatchObject({ withheld: 'SMALL', requestCount: null, answeredCount: null, medianWorkingDaysToFirstAnswer: null });
    expect(stage('NEED')).toMatchObject({ withheld: 'COMPLEMENTARY', requestCount: null, answeredCount: null, medianWorkingDaysToFirstAnswer: null });
    expect(stage('SOURCING')).toMatchObject({ withheld: null, requestCount: 0, answeredCount: 0, medianWithheld: null, medianWorkingDaysToFirstAnswer: null });

    const family = (slug: string) => y2026!.families.find((entry) => entry.family.slug === slug)!;
    expect(y2026!.families.length).toBeGreaterThanOrEqual(9);
    expect(family('batiments')).toMatchObject({ withheld: null, requestCount: 4, answeredCount: 4, medianWorkingDaysToFirstAnswer: 1.5 });
    expect(family('restauration-collective')).toMatchObject({ withheld: 'SMALL', requestCount: null });
    expect(family('informatique')).toMatchObject({ withheld: 'COMPLEMENTARY', requestCount: null });
    expect(family('transport')).toMatchObject({ withheld: null, requestCount: 0 });
    // Whatever is published adds up, and what is withheld cannot be worked out as one person's.
    const published = (groups: Figures[]) => groups.reduce((sum, group) => sum + (group.requestCount ?? 0), 0);
    expect(y2026!.requestCount! - published(y2026!.stages)).toBe(4);
    expect(y2026!.requestCount! - published(y2026!.families)).toBe(4);

    expect(y2025).toMatchObject({ withheld: 'SMALL', requestCount: null, answeredCount: null, medianWorkingDaysToFirstAnswer: null });
    expect([...y2025!.stages, ...y2025!.families].every((group) => group.withheld === 'SMALL')).toBe(true);

    // No name, e-mail or question in the answer.
    const text = JSON.stringify(result.data);
    for (const secret of [...ASKERS.map((asker) => asker.email), ...EXPERTS, 'Expert', 'Secrétaire', 'confidentielle', 'réponse']) expect(text).not.toContain(secret);
  });

  it('withholds a published group’s median when one or two experts wrote its first answers', async () => {
    hub.clock.set('2026-04-10T08:00:00Z');
    const result = await hub.gql<Statistics>('{ adviceStatistics { years { year families { family { slug } answeredCount medianWithheld medianWorkingDaysToFirstAnswer } } } }');
    // batiments was answered by the three experts; had one expert answered all four, its median would tell that expert's pace.
    const batiments = result.data!.adviceStatistics.years[0]!.families.find((entry) => entry.family.slug === 'batiments');
    expect(batiments).toMatchObject({ answeredCount: 4, medianWithheld: null });
    // Three more people's questions about school meals, all answered by the same expert.
    const more = [];
    for (const { email } of ASKERS.slice(0, 3)) more.push(await ask(email, 'DRAFTING', 'restauration-collective'));
    for (const id of more) await answer(id, EXPERTS[1]!, '2026-04-14T08:00:00Z');
    const after = await hub.gql<Statistics>('{ adviceStatistics { years { year families { family { slug } requestCount answeredCount medianWithheld medianWorkingDaysToFirstAnswer } } } }');
    const meals = after.data!.adviceStatistics.years[0]!.families.find((entry) => entry.family.slug === 'restauration-collective');
    expect(meals).toMatchObject({ requestCount: 4, answeredCount: 3, medianWithheld: 'FEW_EXPERTS', medianWorkingDaysToFirstAnswer: null });
  });
});
