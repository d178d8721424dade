import { addCalendarDays } from '../shared/paris-calendar.js';

// The eleven public holidays of mainland France (Code du travail, L3133-1). Alsace-Moselle's two extra days do
// not apply in the Var.
const FIXED_HOLIDAYS = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'];
// Easter Monday, Ascension Thursday, Whit Monday.
const DAYS_AFTER_EASTER = [1, 39, 50];

/** Easter Sunday of the Gregorian calendar (anonymous Gregorian algorithm, a.k.a. Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The public holidays of a year as calendar dates, sorted. */
export function frenchPublicHolidays(year: number): string[] {
  const easter = easterSunday(year);
  return [
    ...FIXED_HOLIDAYS.map((monthDay) => `${year}-${monthDay}`),
    ...DAYS_AFTER_EASTER.map((days) => addCalendarDays(easter, days)),
  ].sort();
}

export function isFrenchPublicHoliday(date: string): boolean {
  return frenchPublicHolidays(Number(date.slice(0, 4))).includes(date);
}
