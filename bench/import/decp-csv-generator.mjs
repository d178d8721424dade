import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** The digits followed by their Luhn key: a SIREN from 8 digits, a SIRET from a SIREN and 4 digits. */
function withKey(digits) {
  for (let key = 0; key < 10; key++) {
    const candidate = `${digits}${key}`;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let digit = Number(candidate[candidate.length - 1 - i]);
      if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

/** A SIRET the hub accepts (its SIREN's key and its own: the importer keeps no other as an identifier). */
const siretOf = (eightDigits) => withKey(`${withKey(eightDigits)}0001`);

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

/**
 * A consolidated-layout DECP CSV of `rows` contracts, one holder each, the same every run: 60 buyers (or `buyers`: a
 * national file names tens of thousands), 400 holders. Streamed to the file, so a million rows (about 200 MB) never
 * sit in memory.
 */
export async function generateCsv(file, rows, buyerCount = 60) {
  const next = random(42);
  // SIRENs 218xxxxxx from a step coprime with 100,000, so that up to 100,000 buyers are all different.
  const buyers = Array.from({ length: buyerCount }, (_, i) => ({ siret: siretOf(`218${String((10_000 + i * 37) % 100_000).padStart(5, '0')}`), name: `Commune ${i + 1}` }));
  const suppliers = Array.from({ length: 400 }, (_, i) => ({ siret: siretOf(`4${String(1_000_000 + i * 7919).padStart(7, '0')}`), name: `Entreprise ${i + 1}` }));
  const out = createWriteStream(file);
  const write = async (line) => {
    if (!out.write(`${line}\r\n`)) await once(out, 'drain');
  };
  await write('uid;id;type;objet;codeCPV;procedure;dureeMois;dateNotification;datePublicationDonnees;montant;formePrix;acheteur_id;acheteur_nom;titulaire_id;titulaire_typeIdentifiant;titulaire_nom');
  for (let i = 0; i < rows; i++) {
    const buyer = buyers[Math.floor(next() * buyers.length)];
    const supplier = suppliers[Math.floor(next() * suppliers.length)];
    const id = `2025${String(i).padStart(6, '0')}`;
    const month = String(1 + Math.floor(next() * 12)).padStart(2, '0');
    const amount = (40_000 + Math.floor(next() * 2_000_000)).toFixed(2);
    await write(
      [
        `${buyer.siret}${id}`, id, 'Marché', `Marché ${i + 1} : travaux et services de la commune`, CPVS[i % CPVS.length],
        PROCEDURES[i % PROCEDURES.length], 12 + (i % 36), `2025-${month}-15`, `2025-${month}-20`, amount, 'Forfaitaire',
        buyer.siret, buyer.name, supplier.siret, 'SIRET', supplier.name,
      ].join(';'),
    );
  }
  out.end();
  await once(out, 'finish');
}

