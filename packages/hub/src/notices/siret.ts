const LA_POSTE_SIREN = '356000000';
const LA_POSTE_HEAD_OFFICE_SIRET = '35600000000048';

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** A SIREN (company identifier): exactly 9 digits with a valid Luhn key. No spaces: normalise input first. */
export function isValidSiren(s: string): boolean {
  return /^\d{9}$/.test(s) && luhnValid(s);
}

/**
 * A SIRET (establishment identifier): exactly 14 digits, a valid SIREN, and a valid Luhn key, except for La Poste,
 * whose establishments outnumber what one SIREN's Luhn keys allow: INSEE gives them SIRETs whose digits add up to
 * a multiple of 5 instead (its head office, 356 000 000 00048, keeps a Luhn key).
 */
export function isValidSiret(s: string): boolean {
  if (!/^\d{14}$/.test(s) || !isValidSiren(s.slice(0, 9))) return false;
  if (s.startsWith(LA_POSTE_SIREN) && s !== LA_POSTE_HEAD_OFFICE_SIRET) {
    return [...s].reduce((sum, digit) => sum + Number(digit), 0) % 5 === 0;
  }
  return luhnValid(s);
}
