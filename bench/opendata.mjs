#!/usr/bin/env node
/**
 * Open-data benchmark: imports a generated consolidated DECP CSV of N contracts (10,000 by default) into a fresh
 * hub database, then exports DECP, OCDS and CSV of the resulting notices. Each phase runs in its own process so
 * that its peak memory (max RSS) is its own. Prints one line per phase and a JSON summary. Expects the hub built
 * (`pnpm build`); meant to become the `opendata` part of bench/run.mjs.
 *
 *   node bench/opendata.mjs [--rows N]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HUB_DIST = new URL('../packages/hub/dist/', import.meta.url);
const SELF = fileURLToPath(import.meta.url);

/** A SIRET-like number with a valid Luhn key, from any 13 digits. */
function withKey(thirteen) {
  for (let key = 0; key < 10; key++) {
    const candidate = `${thirteen}${key}`;
    let sum = 0;
    for (let i = 0; i < 14; i++) {
      let digit = Number(candidate[13 - i]);
      if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

/** Deterministic pseudo-random numbers, so that every run imports the same file. */
function random(seed) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const CPVS = ['45233140', '77310000', '90911200', '15894210', '34110000', '64210000', '72000000', '45321000', '90513000', '60130000'];
const PROCEDURES = ['Procédure adaptée', "Appel d'offres ouvert", "Appel d'offres restreint", 'Procédure avec négociation'];

function generateCsv(file, rows) {
  const next = random(42);
  const buyers = Array.from({ length: 60 }, (_, i) => ({ siret: withKey(`2183${String(10_000 + i * 37).padStart(5, '0')}0001`), name: `Commune ${i + 1}` }));
  const suppliers = Array.from({ length: 400 }, (_, i) => ({ siret: withKey(`4${String(100_000_000_000 + i * 7919)}`), name: `Entreprise ${i + 1}` }));
  const lines = ['uid;id;type;objet;codeCPV;procedure;dureeMois;dateNotification;datePublicationDonnees;montant;formePrix;acheteur_id;acheteur_nom;titulaire_id;titulaire_typeIdentifiant;titulaire_nom'];
  for (let i = 0; i < rows; i++) {
    const buyer = buyers[Math.floor(next() * buyers.length)];
    const supplier = suppliers[Math.floor(next() * suppliers.length)];
    const id = `2025${String(i).padStart(6, '0')}`;
    const month = String(1 + Math.floor(next() * 12)).padStart(2, '0');
    const amount = (40_000 + Math.floor(next() * 2_000_000)).toFixed(2);
    lines.push(
      [
        `${buyer.siret}${id}`, id, 'Marché', `Marché ${i + 1} : travaux et services de la commune`, CPVS[i % CPVS.length],
        PROCEDURES[i % PROCEDURES.length], 12 + (i % 36), `2025-${month}-15`, `2025-${month}-20`, amount, 'Forfaitaire',
        buyer.siret, buyer.name, supplier.siret, 'SIRET', supplier.name,
      ].join(';'),
    );
  }
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
}

async function phase(name, dir) {
  const { parseConfig } = await import(new URL('shared/config.js', HUB_DIST));
  const { openOrm } = await import(new URL('db/orm.js', HUB_DIST));
  const config = parseConfig({ DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}`, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const orm = await openOrm(config);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let result;
  try {
    if (name === 'setup') {
      const { seedTerritory } = await import(new URL('seed/territory.seed.js', HUB_DIST));
      await orm.getMigrator().up();
      await seedTerritory(orm.em.fork());
      result = {};
    } else if (name === 'import') {
      const { importFile } = await import(new URL('opendata/import/importer.js', HUB_DIST));
      const summary = await importFile(orm, join(dir, 'decp.csv'), { now: new Date() });
      result = { records: summary.created + summary.updated + summary.unchanged, created: summary.created, skipped: summary.skipped };
    } else {
      const { exportOpenData } = await import(new URL('opendata/export/exporter.js', HUB_DIST));
      const out = join(dir, `export.${name}`);
      const summary = await exportOpenData(orm, name, out, { now: new Date(), ocdsPrefix: config.ocdsPrefix });
      result = { records: summary.records, notices: summary.notices, bytes: statSync(out).size };
    }
  } finally {
    await orm.close();
  }
  const seconds = (performance.now() - started) / 1000;
  // CPU over the same span as `seconds` (the sqlite3 driver's threads included): on a busy machine, the figure to compare.
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  // maxRSS is in kilobytes: the most this process ever held, libraries and all.
  console.log(JSON.stringify({ phase: name, seconds, cpuSeconds, ...result, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '10000' }, phase: { type: 'string' }, dir: { type: 'string' }, profile: { type: 'string' } },
});
if (values.phase) {
  await phase(values.phase, values.dir);
} else {
  const rows = Number(values.rows);
  const dir = mkdtempSync(join(tmpdir(), 'bench-opendata-'));
  try {
    generateCsv(join(dir, 'decp.csv'), rows);
    // --profile PHASE writes a CPU profile of that phase into the current directory.
    const flags = (name) => (values.profile === name ? ['--cpu-prof', '--cpu-prof-dir', process.cwd()] : []);
    const run = (name) =>
      JSON.parse(execFileSync(process.execPath, [...flags(name), SELF, '--phase', name, '--dir', dir], { encoding: 'utf8' }).trim().split('\n').at(-1));
    run('setup');
    const results = ['import', 'decp', 'ocds', 'csv'].map(run);
    for (const result of results) {
      const perSecond = Math.round((result.records ?? 0) / result.seconds);
      const unit = result.phase === 'import' ? 'rows' : result.phase === 'ocds' ? 'releases' : result.phase === 'decp' ? 'contracts' : 'rows';
      console.log(`${result.phase.padEnd(7)} ${String(result.records).padStart(6)} ${unit.padEnd(9)} in ${result.seconds.toFixed(2)} s = ${perSecond} ${unit}/s, CPU ${result.cpuSeconds.toFixed(2)} s, peak RSS ${result.peakRssMb} MB`);
    }
    console.log(JSON.stringify({ rows, results }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
