#!/usr/bin/env node
// Regenerates packages/hub/data/reference/*.json from the shared reference folder.
// Usage: node packages/hub/scripts/import-reference-data.mjs <shared-data-folder>
//   e.g. node packages/hub/scripts/import-reference-data.mjs /work/shared/data
// The product only reads the committed output; this script exists so the data can be refreshed
// (a new CPV release, a new millésime of the INSEE/DGCL files) and the diff reviewed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const AGGLOMERATION_SIREN = '248300493';
const EXPECTED = { cpvCodes: 9454, memberCommunes: 23, varCommunes: 153 };

function fail(message) {
  console.error(`import-reference-data: ${message}`);
  process.exit(1);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    fail(`cannot read ${path}: ${error.message}`);
  }
}

function expectCount(what, actual, expected) {
  if (actual !== expected) fail(`${what}: expected ${expected} records, found ${actual}`);
}

// One record per line: the files stay small and a refresh shows up as a readable diff.
function writeJsonLines(path, records) {
  writeFileSync(path, `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`);
}

function importCpv(sharedDir) {
  const rows = readJson(join(sharedDir, 'cpv', 'cpv-2008.json'));
  expectCount('CPV codes', rows.length, EXPECTED.cpvCodes);
  return rows.map((row) => {
    if (!/^\d{8}-\d$/.test(row.code)) fail(`malformed CPV code ${JSON.stringify(row.code)}`);
    const label = String(row.label_fr ?? '').trim();
    if (label === '') fail(`CPV ${row.code} has no French label`);
    return [row.code, label];
  });
}

function importVarCommunes(sharedDir) {
  const rows = readJson(join(sharedDir, 'geo', 'communes-var-83.json'));
  expectCount('Var communes', rows.length, EXPECTED.varCommunes);
  return rows
    .map((row) => {
      if (row.departement !== '83') fail(`commune ${row.code} is not in the Var`);
      return { inseeCode: row.code, name: row.nom, postalCodes: [...row.codesPostaux].sort(), siren: row.siren };
    })
    .sort((a, b) => a.inseeCode.localeCompare(b.inseeCode));
}

function importTerritory(sharedDir, varCommunes) {
  const epci = readJson(join(sharedDir, 'geo', `epci-${AGGLOMERATION_SIREN}-ca-dracenie-provence-verdon.json`));
  if (epci.code !== AGGLOMERATION_SIREN) fail(`expected EPCI ${AGGLOMERATION_SIREN}, found ${epci.code}`);
  expectCount('member communes', epci.membres.length, EXPECTED.memberCommunes);
  const byInsee = new Map(varCommunes.map((c) => [c.inseeCode, c]));
  const communes = epci.membres.map((member) => {
    const varCommune = byInsee.get(member.code);
    if (!varCommune) fail(`member commune ${member.code} ${member.nom} is missing from the Var list`);
    if (varCommune.siren !== member.siren) fail(`SIREN mismatch for ${member.code}`);
    return {
      inseeCode: member.code,
      siren: member.siren,
      name: member.nom,
      population: member.populationTotale,
      postalCodes: varCommune.postalCodes,
    };
  });
  return {
    agglomeration: { siren: epci.code, name: epci.nom, population: epci.populationTotale },
    communes,
  };
}

const sharedDir = process.argv[2];
if (!sharedDir) fail('usage: import-reference-data.mjs <shared-data-folder> (the folder holding cpv/ and geo/)');

const outDir = new URL('../data/reference/', import.meta.url);
const cpv = importCpv(sharedDir);
const varCommunes = importVarCommunes(sharedDir);
const territory = importTerritory(sharedDir, varCommunes);

writeJsonLines(new URL('cpv-2008.json', outDir), cpv);
writeJsonLines(new URL('communes-var.json', outDir), varCommunes);
writeFileSync(new URL('territory.json', outDir), `${JSON.stringify(territory, null, 2)}\n`);
console.log(
  `import-reference-data: wrote ${cpv.length} CPV codes, ${varCommunes.length} Var communes, ` +
    `${territory.communes.length} member communes of ${territory.agglomeration.name}`,
);
