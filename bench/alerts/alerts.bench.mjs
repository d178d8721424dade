import { randomUUID } from 'node:crypto';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeTempDir } from '../lib/cleanup.mjs';
import { measureCpu } from '../lib/cpu-usage.mjs';
import { sampleRss } from '../lib/memory.mjs';
import { HUB_DIR } from '../lib/paths.mjs';
import { openDatabase } from '../lib/sqlite.mjs';
import { seedNotices } from '../seed-notices.mjs';
import { seededRandom } from '../lib/random.mjs';

export const description = '100 newly published notices matched against 100,000 confirmed subscriptions, then the daily digests';

const DAY = 86_400_000;
const NOTICES = 100;
const SUBSCRIPTIONS = 100_000;
const AIM_MS = 5_000;
const KEYWORDS = ['entretien', 'travaux', 'fourniture', 'nettoyage', 'toiture', 'voirie', 'espaces verts', 'informatique', 'restauration', 'élagage', 'peinture', 'éclairage'];

/** Criteria as businesses set them: mostly a commune or two and a family, some keywords or CPV prefixes, a few everything. */
function criteriaFor(random, communes, families) {
  const pick = (list, count) => [...new Set(Array.from({ length: count }, () => list[Math.floor(random() * list.length)]))];
  const kind = random();
  const base = { communes: [], buyers: [], families: [], cpvPrefixes: [], keywords: [], minAmount: null, maxAmount: null, procedures: [], includePlanned: false };
  if (kind < 0.5) return { ...base, communes: pick(communes, 1 + Math.floor(random() * 3)), families: pick(families, 1 + Math.floor(random() * 2)) };
  if (kind < 0.75) return { ...base, keywords: pick(KEYWORDS, 1 + Math.floor(random() * 3)), minAmount: random() < 0.5 ? 40_000 : null };
  if (kind < 0.99) return { ...base, cpvPrefixes: pick(['45', '4526', '77', '7731', '90', '9091', '30', '50', '71', '79'], 1 + Math.floor(random() * 2)), communes: random() < 0.5 ? pick(communes, 2) : [] };
  return base;
}

async function loadHub() {
  const hubRequire = createRequire(join(HUB_DIR, 'package.json'));
  hubRequire('reflect-metadata');
  const dist = (file) => import(pathToFileURL(join(HUB_DIR, 'dist', file)).href);
  const [{ openOrm }, { parseConfig }, matcher, render, links, mailWorker, criteria, notice] = await Promise.all([
    dist('db/orm.js'),
    dist('shared/config.js'),
    dist('alerts/alert-matcher.js'),
    dist('alerts/alert-mail-render.js'),
    dist('alerts/alert-links.js'),
    dist('mail/mail-worker.js'),
    dist('alerts/alert-criteria.js'),
    dist('alerts/alert-notice.js'),
  ]);
  return { openOrm, parseConfig, ...matcher, ...render, ...links, ...mailWorker, ...criteria, ...notice };
}

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
const cores = (value) => (value === null || value === undefined ? 'n/a' : value.toFixed(2));

export async function run() {
  const hub = await loadHub();
  const dir = makeTempDir('bench-alerts-');
  const dbPath = join(dir.path, 'hub.sqlite');
  const now = new Date();
  console.log(`seeding ${NOTICES} published notices and ${SUBSCRIPTIONS.toLocaleString('en')} confirmed subscriptions in ${dbPath}…`);
  await seedNotices(dbPath, NOTICES, { now, deadlineDays: 45 });
  const db = await openDatabase(dbPath);
  const random = seededRandom(7);
  const communes = (await db.all("select insee_code as code from organisation where kind = 'COMMUNE' and insee_code is not null")).map((row) => row.code);
  const families = (await db.all('select slug from purchasing_family')).map((row) => row.slug);
  const notices = await db.all('select reference from notice order by reference');
  await db.exec('begin');
  const insertSubscription = db.prepare(
    `insert into alert_subscription (id, created_at, updated_at, email, email_key, criteria, frequency, confirmed_at, confirm_token_hash, confirm_requested_at, manage_token)
     values (?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?)`,
  );
  const confirmedAt = now.getTime() - DAY;
  for (let index = 0; index < SUBSCRIPTIONS; index++) {
    const email = `entreprise-${index}@exemple.fr`;
    await insertSubscription.run([randomUUID(), confirmedAt, confirmedAt, email, createHash('sha256').update(email).digest('hex'), JSON.stringify(criteriaFor(random, communes, families)), random() < 0.3 ? 'DAILY' : 'IMMEDIATE', confirmedAt, confirmedAt, createHash('sha256').update(`t${index}`).digest('base64url')]);
  }
  await insertSubscription.finalize();
  const insertEvent = db.prepare("insert into outbox_event (id, created_at, updated_at, type, payload, occurred_at, dispatched_at) values (?, ?, ?, 'notice.published', ?, ?, ?)");
  for (const row of notices) await insertEvent.run([randomUUID(), now.getTime(), now.getTime(), JSON.stringify({ reference: row.reference }), now.getTime(), now.getTime()]);
  await insertEvent.finalize();
  await db.exec('commit');
  await db.close();

  const config = hub.parseConfig({ DATABASE_URL: `sqlite:${dbPath}`, NODE_ENV: 'production', LOG_LEVEL: 'silent', MAIL_FROM: 'alertes@bench.example', SITE_URL: 'https://marches.example', HUB_PUBLIC_URL: 'https://hub.marches.example' });
  const orm = await hub.openOrm(config);
  const urls = { siteUrl: config.siteUrl, hubPublicUrl: config.hubPublicUrl };
  try {
    // Baseline, in the same run: the pure matching rules over the same notices and criteria, everything in memory.
    const em = orm.em.fork();
    const loaded = [...(await hub.loadAlertNotices(em, notices.map((row) => row.reference))).values()];
    const rows = await em.getConnection().execute('select criteria from alert_subscription');
    const allCriteria = rows.map((row) => (typeof row.criteria === 'string' ? JSON.parse(row.criteria) : row.criteria));
    const baselineStart = performance.now();
    let baselineMatches = 0;
    for (const notice of loaded) for (const one of allCriteria) if (hub.matchesCriteria(one, notice, notice.foldedText)) baselineMatches++;
    const baselineMs = performance.now() - baselineStart;

    const memory = sampleRss(process.pid, 50);
    // The index of the subscriptions by their criteria, which the hub process keeps between passes: built once for
    // 100,000 subscriptions (again after any change of a confirmed subscription), timed apart.
    const indexCpuMeter = measureCpu([process.pid]);
    const indexStart = performance.now();
    const indexed = await hub.indexAlertSubscriptions(orm);
    const indexMs = performance.now() - indexStart;
    const indexCpu = indexCpuMeter.stop();
    const cpu = measureCpu([process.pid]);
    const matchStart = performance.now();
    let events = 0;
    for (let taken; (taken = await hub.matchAlertEvents(orm, now)) > 0; ) events += taken;
    const matchMs = performance.now() - matchStart;
    const matchCpu = cpu.stop();
    // The mails are rendered when the mail worker sends them, MAIL_BATCH per pass, by its renderer (which keeps the
    // notices it shows from one batch to the next): the same, without handing them to SMTP, which is not measured.
    const renderer = hub.alertMailRenderer(urls);
    const renderAll = async (kinds, at) => {
      const rows = await orm.em.fork().getConnection().execute(`select id, kind, recipient, payload from mail_message where kind in (${kinds.map(() => '?').join(', ')}) order by id`, kinds);
      let bytes = 0;
      for (let start = 0; start < rows.length; start += hub.MAIL_BATCH) {
        const batch = rows.slice(start, start + hub.MAIL_BATCH).map((row) => ({ ...row, payload: JSON.parse(row.payload) }));
        for (const mail of (await renderer(orm.em.fork(), batch, at)).values()) bytes += mail ? mail.text.length + (mail.html?.length ?? 0) : 0;
      }
      return { mails: rows.length, bytes };
    };
    const mailCpuMeter = measureCpu([process.pid]);
    const mailStart = performance.now();
    const immediate = await renderAll(['alert.published', 'alert.immediate'], now);
    const mailMs = performance.now() - mailStart;
    const mailCpu = mailCpuMeter.stop();
    const digestCpuMeter = measureCpu([process.pid]);
    const digestStart = performance.now();
    const digestAt = new Date(now.getTime() + DAY);
    const digested = await renderAll(['alert.digest'], digestAt);
    const digestMs = performance.now() - digestStart;
    const digestCpu = digestCpuMeter.stop();
    const peak = memory.stop();

    const count = async (sql) => Number((await orm.em.fork().getConnection().execute(sql))[0].n);
    const told = (await orm.em.fork().getConnection().execute('select subscription_ids from alert_announcement')).reduce((sum, row) => sum + row.subscription_ids.split(',').length, 0);
    const immediateMails = await count("select count(*) as n from mail_message where kind in ('alert.published', 'alert.immediate')");
    const digestMails = await count("select count(*) as n from mail_message where kind = 'alert.digest'");
    const total = matchMs + mailMs + digestMs;
    const mib = (bytes) => `${(bytes / 1048576).toFixed(0)} MiB`;
    console.log(`events matched             ${events}`);
    console.log(`matches (subscriptions told, in ${await count('select count(*) as n from alert_announcement')} announcements) ${told.toLocaleString('en')} (pure rules alone: ${baselineMatches.toLocaleString('en')})`);
    console.log(`immediate mails queued     ${immediateMails.toLocaleString('en')} (one per subscription and pass; rendered ${immediate.mails.toLocaleString('en')}, ${mib(immediate.bytes)} of text and HTML)`);
    console.log(`daily digests queued       ${digestMails.toLocaleString('en')} (rendered ${digested.mails.toLocaleString('en')}, ${mib(digested.bytes)})`);
    console.log(`indexing ${indexed.toLocaleString('en')} subscriptions ${fmt(indexMs)}  (CPU ${cores(indexCpu?.processes[0])} cores, other cores ${cores(indexCpu?.others)}; not in the total)`);
    console.log(`matching, mails queued     ${fmt(matchMs)}  (CPU ${cores(matchCpu?.processes[0])} cores, other cores ${cores(matchCpu?.others)})`);
    console.log(`immediate mails rendered   ${fmt(mailMs)}  (CPU ${cores(mailCpu?.processes[0])} cores, other cores ${cores(mailCpu?.others)})`);
    console.log(`daily digests rendered     ${fmt(digestMs)}  (CPU ${cores(digestCpu?.processes[0])} cores, other cores ${cores(digestCpu?.others)})`);
    console.log(`total                      ${fmt(total)}  aim ${fmt(AIM_MS)}: ${total <= AIM_MS ? 'met' : 'NOT met'}`);
    console.log(`baseline (pure rules, in memory, ${loaded.length} × ${allCriteria.length.toLocaleString('en')}) ${fmt(baselineMs)}; total / baseline ${(total / baselineMs).toFixed(1)}×`);
    console.log(`peak RSS during the run    ${peak.peakRssMiB.toFixed(0)} MiB (VmHWM ${peak.vmHwmMiB.toFixed(0)} MiB, the seeding included); ${cpus().length} cores`);
    if (baselineMatches !== told) console.log(`(the rules found ${baselineMatches} matches, the run told ${told}: check!)`);
  } finally {
    await orm.close();
    dir.remove();
  }
}
