/** Small readers shared by the parsers: amounts, identifiers, dates in the buyer's time zone, clipped text. */
import { instantOfWallClock } from '@territoire-achats/time-zones';
import { isValidSiren, isValidSiret } from '../../notices/siret.js';

const TIME_ZONES: Record<string, string> = { FR: 'Europe/Paris', BE: 'Europe/Brussels', UK: 'Europe/London', GB: 'Europe/London', LU: 'Europe/Luxembourg', DE: 'Europe/Berlin', ES: 'Europe/Madrid', IT: 'Europe/Rome' };

/** ISO 3166 alpha-3 (eForms) to alpha-2 (TED R2.0.9, BOAMP): only what the hub needs to pick a time zone. */
const ALPHA3: Record<string, string> = { FRA: 'FR', BEL: 'BE', GBR: 'UK', LUX: 'LU', DEU: 'DE', ESP: 'ES', ITA: 'IT' };

export function countryCode(code: string | null | undefined): string | null {
  const value = code?.trim().toUpperCase();
  if (!value) return null;
  return ALPHA3[value] ?? (value.length === 2 ? value : value);
}

export function timeZoneOf(country: string | null): string {
  return TIME_ZONES[country ?? 'FR'] ?? 'Europe/Paris';
}

/** The instant of a wall-clock date and time in a time zone ("2019-03-22", "15:00", Europe/Paris). */
export function zonedInstant(date: string, time: string | null, timeZone: string): Date | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const clock = /^(\d{1,2})[:h](\d{2})/.exec((time ?? '00:00').trim());
  if (!day || !clock) return null;
  const wall = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), Number(clock[1]), Number(clock[2]));
  const result = new Date(instantOfWallClock(wall, timeZone));
  return Number.isNaN(result.getTime()) ? null : result;
}

/** "20190322" or "2019-03-22" → "2019-03-22"; anything else → null. */
export function isoDay(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  const parts = /^(\d{4})(\d{2})(\d{2})/.exec(text) ?? /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!parts) return null;
  // A calendar day that exists: not 2017-13-45, not 2023-02-29.
  const year = Number(parts[1]);
  const month = Number(parts[2]);
  const dayOfMonth = Number(parts[3]);
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > daysInMonth(year, month)) return null;
  return `${parts[1]}-${parts[2]}-${parts[3]}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** An instant written with its offset, as eForms does: date "2024-02-28+02:00" and time "12:00:00+02:00". */
export function instantWithOffset(date: string, time: string | null): Date | null {
  const day = /^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$/.exec(date.trim());
  // A calendar day that exists: Date would roll 2024-02-30 over to 1 March.
  if (!day || !isoDay(day[1])) return null;
  const clock = time ? /^(\d{2}:\d{2}(?::\d{2})?)(Z|[+-]\d{2}:\d{2})?$/.exec(time.trim()) : null;
  const offset = clock?.[2] ?? day[2] ?? '+01:00';
  const result = new Date(`${day[1]}T${clock?.[1] ?? '00:00:00'}${offset === 'Z' ? 'Z' : offset}`);
  return Number.isNaN(result.getTime()) ? null : result;
}

/** "15000", "1 234,50", "1234.5" → a number; null when empty or not a number. */
export function amountOf(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  let text = value.replace(/[\s\u00a0\u202f€]/g, '');
  if (!text) return null;
  if (text.includes(',') && !text.includes('.')) text = text.replace(',', '.');
  else text = text.replace(/,/g, '');
  const number = Number(text);
  return Number.isFinite(number) ? number : null;
}

export interface OrganisationIds {
  siret: string | null;
  siren: string | null;
}

/**
 * A French company identifier as written anywhere ("217 500 016 00019", "21750001600019"): a SIRET (14 digits) or a
 * SIREN (9 digits), each checked with its Luhn key by the hub's own rule (`notices/siret.ts`, La Poste's exception
 * included). Anything else (`abc`, 13 digits, a wrong key) is no identifier: none is kept, and `onRejected` is told
 * what was written, so that the parser warns naming the line and the field. Empty: none, and nothing to say.
 */
export function frenchIds(value: string | null | undefined, onRejected?: (written: string) => void): OrganisationIds {
  const written = (value ?? '').trim();
  if (!written) return { siret: null, siren: null };
  const digits = written.replace(/[\s.\u00a0]/g, '');
  if (digits.length === 14 && isValidSiret(digits)) return { siret: digits, siren: digits.slice(0, 9) };
  if (digits.length === 9 && isValidSiren(digits)) return { siret: null, siren: digits };
  onRejected?.(written);
  return { siret: null, siren: null };
}

/** The warning for an identifier `frenchIds` refused, naming where (line and field) and what was written. */
export function rejectedIdWarning(where: string, written: string): string {
  return `${where}: ${JSON.stringify(written.slice(0, 40))} is neither a SIRET nor a SIREN (14 or 9 digits with a valid Luhn key): not kept as an identifier`;
}

export function clip(text: string, max: number): string {
  const clean = text.trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

export function positiveInt(value: string | number | null | undefined): number | null {
  const number = typeof value === 'number' ? value : Number((value ?? '').toString().trim());
  return Number.isInteger(number) && number > 0 ? number : null;
}
