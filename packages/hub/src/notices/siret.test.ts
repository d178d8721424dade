import { describe, expect, it } from 'vitest';
import { isValidSiren, isValidSiret } from './siret.js';
import { getTerritory, listVarCommunes } from '../reference/territory.js';

// Real identifiers: buyers and suppliers of the DECP open data (Ville de Croix, Ville de Paris…), and examples
// of python-stdnum's SIRET tests (La Poste).
const REAL_SIRETS = [
  '21590163800019',
  '21750001630040',
  '05680065900858',
  '05680065901468',
  '31554935203660',
  '31611247300038',
  '32832007200130',
  '33990152200047',
  '38103128500574',
  '47718101000091',
];

describe('isValidSiret', () => {
  it.each(REAL_SIRETS)('accepts the real SIRET %s', (siret) => {
    expect(isValidSiret(siret)).toBe(true);
  });

  it.each([
    ['35600000000048', 'La Poste head office, with a Luhn key'],
    ['35600000009075', 'a La Poste establishment: digits add up to 35'],
    ['35600000049837', 'a La Poste establishment: digits add up to 45'],
  ])('accepts %s (%s)', (siret) => {
    expect(isValidSiret(siret)).toBe(true);
  });

  it.each([
    ['35600000049838', 'La Poste establishment whose digits add up to 46'],
    ['21590163800018', 'a real SIRET with its last digit changed'],
    ['21590163800091', 'two digits swapped'],
    ['12345678901234', 'a placeholder'],
    ['2159016380001', '13 digits'],
    ['215901638000190', '15 digits'],
    ['215 901 638 00019', 'spaces: callers normalise first'],
    ['2159016380001A', 'a letter'],
    ['', 'an empty string'],
    ['21590163900017', 'a Luhn-valid SIRET whose SIREN is not'],
  ])('rejects %j (%s)', (siret) => {
    expect(isValidSiret(siret)).toBe(false);
  });
});

describe('isValidSiren', () => {
  it('accepts the SIREN of the agglomeration and of every commune of the territory and of the Var', () => {
    const { agglomeration, communes } = getTerritory();
    expect(isValidSiren(agglomeration.siren)).toBe(true);
    for (const commune of communes) expect(isValidSiren(commune.siren), commune.name).toBe(true);
    for (const commune of listVarCommunes()) expect(isValidSiren(commune.siren), commune.name).toBe(true);
  });

  it.each(['356000000', '215901638', '443061841', '552032534'])('accepts the real SIREN %s', (siren) => {
    expect(isValidSiren(siren)).toBe(true);
  });

  it.each([
    ['248300494', 'the agglomeration’s SIREN with its last digit changed'],
    ['24830049', '8 digits'],
    ['2483004930', '10 digits'],
    ['24830049A', 'a letter'],
    [' 248300493', 'a leading space'],
    ['', 'an empty string'],
  ])('rejects %j (%s)', (siren) => {
    expect(isValidSiren(siren)).toBe(false);
  });
});
