import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CPV_FILE, HUB_DIR } from './lib/paths.mjs';
import { runHubCli } from './lib/processes.mjs';
import { openDatabase } from './lib/sqlite.mjs';
import { seededRandom } from './lib/random.mjs';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Published procedures and how often the territory's buyers use them (mostly MAPA below the EU thresholds). */
const PROCEDURE_MIX = [
  ['ADAPTED', 0.65],
  ['OPEN', 0.25],
  ['RESTRICTED', 0.05],
  ['NEGOTIATED', 0.03],
  ['COMPETITIVE_DIALOGUE', 0.02],
];
const PROCEDURE_LABELS = {
  ADAPTED: 'procédure adaptée',
  OPEN: 'appel d’offres ouvert',
  RESTRICTED: 'appel d’offres restreint',
  NEGOTIATED: 'procédure avec négociation',
  COMPETITIVE_DIALOGUE: 'dialogue compétitif',
};

/**
 * Fills the hub database at `dbPath` with `count` published, open notices of `lotsPerNotice` lots each, fast:
 * the hub's own CLI migrates and seeds the territory and purchasing families, then the notices go in with plain
 * SQL in one transaction (the services would take minutes for 10,000 notices).
 *
 * The rows are what the hub itself would write: buyers and families from the seeded tables, real CPV codes (the
 * family follows the main code's longest prefix, as the hub decides it), deadlines at noon Paris time on working
 * days over the next `deadlineDays` days, each at least the legal minimum response time after its publication
 * (which is before `now`),
 * references numbered per buyer and year, `search_text` folded with the hub's own function. Every notice is
 * created by one staff member this adds (who cannot sign in). The content is drawn from a seeded generator, so
 * two runs with the same options hold the same notices (ids aside).
 *
 * Needs the hub built (`pnpm build`). Options: lotsPerNotice (3), deadlineDays (60), seed (1), now (new Date()),
 * migrate (true: run `hub migrate` and `hub seed` first; false when the database is already prepared).
 * Resolves with what it wrote and how long each step took, in milliseconds.
 */
export async function seedNotices(dbPath, count, options = {}) {
  const { lotsPerNotice = 3, deadlineDays = 60, seed = 1, now = new Date(), migrate = true } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number, got ${count}`);
  if (!Number.isInteger(lotsPerNotice) || lotsPerNotice < 1) throw new RangeError('lotsPerNotice must be at least 1');
  const started = performance.now();
  const hub = await loadHubHelpers();
  if (migrate) {
    await runHubCli(['migrate'], dbPath);
    await runHubCli(['seed'], dbPath);
  }
  const prepared = performance.now();

  const db = await openDatabase(dbPath);
  try {
    await db.exec('pragma busy_timeout = 5000; pragma foreign_keys = on;');
    const organisations = await db.all(
      `select id, name, slug, kind, insee_code as inseeCode, population, reference_code as referenceCode
       from organisation where kind in ('AGGLOMERATION', 'COMMUNE') order by siren`,
    );
    const families = await db.all('select id, cpv_prefixes as cpvPrefixes from purchasing_family order by position');
    if (organisations.length === 0 || families.length === 0) {
      throw new Error(`${dbPath} has no organisations or purchasing families: seed the territory first`);
    }
    await assertColumnsFilled(db, 'notice', NOTICE_COLUMNS);
    await assertColumnsFilled(db, 'lot', LOT_COLUMNS);
    await assertColumnsFilled(db, 'staff_member', STAFF_COLUMNS);
    const staff = { id: randomUUID(), organisationId: organisations[0].id };
    const rows = generateNotices(count, {
      hub,
      organisations,
      families,
      codes: await codesByFamily(families),
      nextSequence: await referenceSequences(db),
      staffId: staff.id,
      lotsPerNotice,
      deadlineDays,
      now,
      random: seededRandom(seed),
    });

    const generated = performance.now();
    await db.exec('begin immediate');
    try {
      await db.run(
        `insert into staff_member (${STAFF_COLUMNS.join(', ')}) values (?, ?, ?, ?, ?, ?, 'ADMIN', ?, 1)`,
        // Not an argon2 hash: nobody can sign in as the benchmark's author.
        [staff.id, now.getTime(), now.getTime(), `bench.${staff.id.slice(0, 8)}@bench.invalid`, 'Compte de mesure', staff.organisationId, '!'],
      );
      await insertRows(db, 'notice', NOTICE_COLUMNS, rows.notices);
      await insertRows(db, 'lot', LOT_COLUMNS, rows.lots);
      await db.exec('commit');
    } catch (error) {
      await db.exec('rollback').catch(() => undefined);
      throw error;
    }
    const ms = (from, to = performance.now()) => Math.round(to - from);
    return {
      dbPath,
      notices: rows.notices.length,
      lots: rows.lots.length,
      staffMemberId: staff.id,
      ms: { total: ms(started), hubCli: ms(started, prepared), generate: ms(prepared, generated), insert: ms(generated) },
    };
  } finally {
    await db.close();
  }
}

const NOTICE_COLUMNS = [
  'id', 'created_at', 'updated_at', 'reference', 'title', 'description', 'organisation_id', 'nature', 'procedure',
  'main_cpv', 'additional_cpvs', 'family_id', 'family_chosen_by_buyer', 'estimated_value', 'estimated_value_public',
  'place_of_performance_insee', 'submission_deadline', 'electronic_submission', 'published_at', 'closed_at',
  'buyer_profile_url', 'contact_email', 'social_clause', 'environmental_clause', 'reserved_for', 'framework_agreement',
  'framework_maximum_amount', 'framework_duration_months', 'framework_supplier_mode', 'status', 'cancelled_at',
  'cancellation_reason', 'search_text', 'created_by_id', 'version',
];
const STAFF_COLUMNS = ['id', 'created_at', 'updated_at', 'email', 'name', 'organisation_id', 'role', 'password_hash', 'active'];
const LOT_COLUMNS = ['id', 'created_at', 'updated_at', 'notice_id', 'number', 'title', 'cpv', 'estimated_value', 'status', 'unsuccessful_reason'];

/** A migration added a NOT NULL column without default that this seeding does not fill: say which, plainly. */
async function assertColumnsFilled(db, table, columns) {
  const missing = (await db.all(`pragma table_info(${table})`))
    .filter((column) => column.notnull && column.dflt_value === null && !column.pk && !columns.includes(column.name))
    .map((column) => column.name);
  if (missing.length) {
    throw new Error(`bench/seed-notices.mjs does not fill ${table}.${missing.join(`, ${table}.`)} (NOT NULL): add them to the seeding`);
  }
}

/** Multi-row inserts of a few hundred rows: one round trip to sqlite3's thread per batch, not per row. */
async function insertRows(db, table, columns, rows) {
  const perStatement = Math.floor(30_000 / columns.length); // under SQLite's 32,766 parameters
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += perStatement) {
    const batch = rows.slice(start, start + perStatement);
    await db.run(
      `insert into ${table} (${columns.join(', ')}) values ${batch.map(() => placeholders).join(', ')}`,
      batch.flatMap((row) => columns.map((column) => row[column] ?? null)),
    );
  }
}

/** The notices and their lots, as rows keyed by column name. */
function generateNotices(count, { hub, organisations, families, codes, nextSequence, staffId, lotsPerNotice, deadlineDays, now, random }) {
  const communes = organisations.filter((organisation) => organisation.kind === 'COMMUNE');
  const sqrtPopulation = communes.reduce((sum, commune) => sum + Math.sqrt(commune.population ?? 1000), 0);
  const pickBuyer = weightedPicker(
    organisations.map((organisation) => [
      organisation,
      // The agglomeration buys about a quarter; communes in proportion to the square root of their size.
      organisation.kind === 'AGGLOMERATION' ? 0.25 : (0.75 * Math.sqrt(organisation.population ?? 1000)) / sqrtPopulation,
    ]),
    random,
  );
  const pickProcedure = weightedPicker(PROCEDURE_MIX, random);
  const notices = [];
  const lots = [];
  for (let index = 0; index < count; index++) {
    const organisation = pickBuyer();
    const procedure = pickProcedure();
    // Most notices fall in a purchasing family; the others' CPV codes belong to none.
    const family = random() < 0.85 ? families[Math.floor(random() * families.length)] : null;
    const lotCodes = distinctPicks(codes.byFamily.get(family?.id ?? null), lotsPerNotice, random);
    const main = lotCodes[0];
    const { deadline, publishedAt } = schedule(hub, procedure, now, deadlineDays, random);
    const year = Number(hub.parisDateOf(publishedAt).slice(0, 4));
    const reference = hub.formatReference(year, organisation.referenceCode, nextSequence(organisation.referenceCode, year));
    const place = organisation.kind === 'COMMUNE' ? organisation : communes[Math.floor(random() * communes.length)];
    const title = truncate(`${main.label} – ${place.name}`, 300);
    const lotValues = lotCodes.map(() => roundTo(5_000 + random() ** 2 * 400_000, 100));
    const description = truncate(
      `${organisation.name} lance une consultation (${PROCEDURE_LABELS[procedure]}) : ${main.label.toLowerCase()} à ${place.name}. ` +
        `Le marché est alloti en ${lotsPerNotice} lot${lotsPerNotice > 1 ? 's' : ''} : ` +
        `${lotCodes.map((code, number) => `lot ${number + 1}, ${code.label.toLowerCase()}`).join(' ; ')}. ` +
        'Les documents de la consultation et le dépôt des offres sont sur le profil d’acheteur.',
      4_000,
    );
    const framework = random() < 0.1;
    const id = randomUUID();
    const createdAt = publishedAt.getTime() - Math.floor(random() * 5 * DAY);
    notices.push({
      id,
      created_at: createdAt,
      updated_at: publishedAt.getTime(),
      reference,
      title,
      description,
      organisation_id: organisation.id,
      nature: natureOf(main.code),
      procedure,
      main_cpv: main.code,
      additional_cpvs: JSON.stringify([...new Set(lotCodes.map((code) => code.code))].filter((code) => code !== main.code)),
      family_id: codes.familyOf.get(main.code),
      family_chosen_by_buyer: 0,
      estimated_value: lotValues.reduce((sum, value) => sum + value, 0),
      estimated_value_public: random() < 0.9 ? 1 : 0,
      place_of_performance_insee: place.inseeCode,
      submission_deadline: deadline.getTime(),
      electronic_submission: 1,
      published_at: publishedAt.getTime(),
      buyer_profile_url: `https://marches.example/dracenie/consultation/${reference.toLowerCase()}`,
      contact_email:
        organisation.kind === 'AGGLOMERATION' ? 'commande.publique@dracenie.example' : `marches@mairie-${organisation.slug}.example`,
      social_clause: random() < 0.3 ? 1 : 0,
      environmental_clause: random() < 0.4 ? 1 : 0,
      reserved_for: random() < 0.03 ? 'INSERTION' : 'NONE',
      framework_agreement: framework ? 1 : 0,
      framework_maximum_amount: framework ? roundTo(200_000 + random() * 2_000_000, 10_000) : null,
      framework_duration_months: framework ? [12, 24, 36, 48][Math.floor(random() * 4)] : null,
      framework_supplier_mode: framework ? (random() < 0.5 ? 'SINGLE' : 'MULTIPLE') : null,
      status: 'PUBLISHED',
      search_text: hub.foldText(`${reference} ${title} ${description}`),
      created_by_id: staffId,
      version: 1,
    });
    lotCodes.forEach((code, number) => {
      lots.push({
        id: randomUUID(),
        created_at: createdAt,
        updated_at: publishedAt.getTime(),
        notice_id: id,
        number: number + 1,
        title: truncate(`Lot ${number + 1} – ${code.label}`, 300),
        cpv: code.code,
        estimated_value: lotValues[number],
        status: 'OPEN',
      });
    });
  }
  return { notices, lots };
}

/** The hub's own pure helpers, from its build: search text folding, Paris calendar, legal response times. */
async function loadHubHelpers() {
  const dist = join(HUB_DIR, 'dist');
  const file = (path) => pathToFileURL(join(dist, path)).href;
  if (!existsSync(join(dist, 'cli/main.js'))) throw new Error(`The hub is not built (${dist}): run \`pnpm build\` first`);
  const [text, calendar, responseTimes, reference] = await Promise.all([
    import(file('shared/text.js')),
    import(file('shared/paris-calendar.js')),
    import(file('notices/response-times.js')),
    Promise.resolve({
      // Same format as notices/notice-reference.ts, whose module pulls in the ORM entities.
      formatReference: (year, code, sequence) => `${year}-${code}-${String(sequence).padStart(4, '0')}`,
    }),
  ]);
  return {
    foldText: text.foldText,
    parisDateOf: calendar.parisDateOf,
    addCalendarDays: calendar.addCalendarDays,
    weekdayOf: calendar.weekdayOf,
    startOfParisDay: calendar.startOfParisDay,
    earliestDeadline: responseTimes.earliestDeadline,
    minimumResponseDays: responseTimes.minimumResponseDays,
    formatReference: reference.formatReference,
  };
}

/**
 * A deadline at noon (Paris) on a working day 1 to `deadlineDays` days ahead, and a publication that leaves at
 * least the legal minimum response time before it (a few days more, as buyers do).
 */
function schedule(hub, procedure, now, deadlineDays, random) {
  let day = hub.addCalendarDays(hub.parisDateOf(now), 1 + Math.floor(random() * deadlineDays));
  while (hub.weekdayOf(day) === 0 || hub.weekdayOf(day) === 6) day = hub.addCalendarDays(day, 1);
  const deadline = new Date(hub.startOfParisDay(day).getTime() + 12 * HOUR);
  const options = { electronicSubmission: true };
  const minimum = hub.minimumResponseDays(procedure, options);
  const publicationDay = hub.addCalendarDays(day, -(minimum + 1 + Math.floor(random() * 10)));
  let publishedAt = new Date(hub.startOfParisDay(publicationDay).getTime() + (8 + random() * 10) * HOUR);
  // Weekends and public holidays can push the legal end later: publish earlier until the deadline is lawful.
  for (let tries = 0; hub.earliestDeadline(publishedAt, procedure, options) > deadline; tries++) {
    if (tries === 30) throw new Error(`No lawful publication date for a ${procedure} notice closing on ${day}`);
    publishedAt = new Date(publishedAt.getTime() - DAY);
  }
  // Published before `now`, as every notice the hub holds is (publishNotice stamps its own instant): a later date
  // would put the notices published next in the middle of the registers ordered by publication (a buyer's, a
  // family's pages) instead of on their front pages. Earlier is still lawful: more time to answer, not less.
  if (publishedAt > now) {
    const daysAhead = Math.ceil((publishedAt.getTime() - now.getTime()) / DAY);
    publishedAt = new Date(publishedAt.getTime() - (daysAhead + Math.floor(random() * 10)) * DAY);
  }
  return { deadline, publishedAt };
}

/** Every CPV code, grouped by the purchasing family of its longest matching prefix (null: no family). */
async function codesByFamily(families) {
  const pairs = JSON.parse(await readFile(CPV_FILE, 'utf8'));
  const prefixes = families
    .flatMap((family) => JSON.parse(family.cpvPrefixes).map((prefix) => ({ prefix, familyId: family.id })))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const byFamily = new Map([[null, []], ...families.map((family) => [family.id, []])]);
  const familyOf = new Map();
  for (const [code, label] of pairs) {
    const familyId = prefixes.find(({ prefix }) => code.startsWith(prefix))?.familyId ?? null;
    byFamily.get(familyId).push({ code, label });
    familyOf.set(code, familyId);
  }
  for (const [familyId, list] of byFamily) {
    if (list.length === 0) throw new Error(`Purchasing family ${familyId} claims no CPV code`);
  }
  return { byFamily, familyOf };
}

/** Next free sequence of each `YYYY-ORG-` prefix, after the references already in the database. */
async function referenceSequences(db) {
  const last = new Map();
  for (const { reference } of await db.all('select reference from notice')) {
    const match = /^(\d{4}-[A-Z]+)-(\d+)$/.exec(reference);
    if (match) last.set(match[1], Math.max(last.get(match[1]) ?? 0, Number(match[2])));
  }
  return (code, year) => {
    const key = `${year}-${code}`;
    const next = (last.get(key) ?? 0) + 1;
    last.set(key, next);
    return next;
  };
}

/** CPV divisions: 45 is works, 50 and above services, the rest supplies. */
function natureOf(code) {
  const division = Number(code.slice(0, 2));
  if (division === 45) return 'WORKS';
  return division >= 50 ? 'SERVICES' : 'SUPPLIES';
}

function distinctPicks(list, count, random) {
  const picked = new Set();
  while (picked.size < Math.min(count, list.length)) picked.add(list[Math.floor(random() * list.length)]);
  const result = [...picked];
  // More lots than codes in the family: repeat codes rather than fail (lots may share a CPV code).
  while (result.length < count) result.push(result[result.length % picked.size]);
  return result;
}

function weightedPicker(entries, random) {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  return () => {
    let threshold = random() * total;
    for (const [value, weight] of entries) {
      threshold -= weight;
      if (threshold < 0) return value;
    }
    return entries[entries.length - 1][0];
  };
}

function truncate(text, max) {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function roundTo(value, step) {
  return Math.round(value / step) * step;
}

