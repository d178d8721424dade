import { amountProblem } from '../../notices/plausibility.js';
import { BrokenRecordError } from './imported-notice.js';
import { amountOf, frenchIds, instantWithOffset, isoDay, rejectedIdWarning, zonedInstant, type OrganisationIds } from './values.js';
import { at, textOf, type XmlElement } from './xml-tree.js';

/**
 * Typed reads of a notice's elements. An element that is absent or empty gives null (the source did not say); one
 * that is present but not of its type (garbage inside well-formed XML) fails the record, naming the element and its
 * line, instead of being replaced in silence by the import day, an empty amount or another code.
 */

/** Where in the file: the element's line and name, as the import's messages show it. */
export function elementLocation(element: XmlElement): string {
  return `line ${element.line}, <${element.name}>`;
}

function broken(element: XmlElement, value: string, what: string): never {
  throw new BrokenRecordError(elementLocation(element), `${JSON.stringify(value.slice(0, 80))} is not ${what}`);
}

/** An amount the hub accepts anywhere (the shared rule of notices/plausibility.ts); null when absent. */
export function checkedAmount(element: XmlElement | undefined, text = textOf(element)): number | null {
  if (!element || !text) return null;
  const value = amountOf(text);
  if (value === null) broken(element, text, 'an amount');
  const problem = amountProblem(value);
  if (problem) broken(element, text, `a plausible amount: ${problem}`);
  return value;
}

export const amountAt = (element: XmlElement | undefined, path: string): number | null => checkedAmount(at(element, path));

/** An amount with the currency the source wrote it in (TED R2.0.9 `CURRENCY`, eForms `currencyID`; euros when unsaid). */
export interface Money {
  amount: number;
  currency: string;
}

export function moneyOf(element: XmlElement | undefined): Money | null {
  const amount = checkedAmount(element);
  if (amount === null || !element) return null;
  const currency = (element.attributes.CURRENCY ?? element.attributes.currencyID ?? 'EUR').trim().toUpperCase() || 'EUR';
  return { amount, currency };
}

/**
 * The one rule for amounts in another currency, TED R2.0.9 and eForms alike: every figure of the hub is in euros,
 * and no rate of the day of the award is in the source, so an amount in another currency is never stored as euros.
 * It is left empty with a warning; an award keeps it, with its currency, in its contract data (`amountInCurrency`).
 */
export function eurosOf(money: Money | null, what: string, warnings: string[]): number | null {
  if (!money) return null;
  if (money.currency === 'EUR') return money.amount;
  warnings.push(`${what} is in ${money.currency} (${money.amount}): not converted, left empty${what.startsWith('the award') ? ', kept with its currency in the contract data' : ''}`);
  return null;
}

/** The contract data that keeps an award's amount in another currency. */
export const foreignAmount = (money: Money | null): { amountInCurrency?: Money } => (money && money.currency !== 'EUR' ? { amountInCurrency: money } : {});

/**
 * A count or a duration (tenders received, months): a number of digits, with decimals when `decimals` (an eForms
 * `DurationMeasure`); null when absent or zero (not said). A present value that is no such number (`six`, `-180`)
 * fails the record naming its element, as a garbage amount does, instead of disappearing.
 */
export function countAt(element: XmlElement | undefined, path: string, options: { decimals?: boolean } = {}): number | null {
  const target = at(element, path);
  const text = textOf(target).trim();
  if (!target || !text) return null;
  const pattern = options.decimals ? /^\d{1,9}(?:\.\d+)?$/ : /^\d{1,9}$/;
  if (!pattern.test(text)) broken(target, text, options.decimals ? 'a positive number' : 'a whole number');
  const value = Number(text);
  return value > 0 ? value : null;
}

/**
 * A lot's number as a notice gives it (BOAMP `NUM`, `NUM_LOT`); one that is no whole number is taken as the lot's
 * position, with a warning naming its element, so that a decision never lands on another lot in silence.
 */
export function lotNumberAt(element: XmlElement | undefined, path: string, position: number, warnings: string[]): number {
  const target = at(element, path);
  const text = textOf(target).trim();
  if (!target || !text) return position;
  if (/^\d{1,6}$/.test(text) && Number(text) > 0) return Number(text);
  warnings.push(`${elementLocation(target)}: ${JSON.stringify(text.slice(0, 40))} is not a lot number: taken as lot ${position}, its position`);
  return position;
}

/**
 * The French identifiers an element gives (BOAMP `CODE_IDENT_NATIONAL`, TED `NATIONALID`, eForms `CompanyID`): a
 * SIRET or a SIREN with a valid key, else none, with a warning naming the element and its line (`abc` is kept as
 * no identifier, never as one).
 */
export function frenchIdsAt(element: XmlElement | undefined, path: string, warnings: string[]): OrganisationIds {
  const target = at(element, path);
  return frenchIds(textOf(target), (written) => warnings.push(rejectedIdWarning(elementLocation(target!), written)));
}

/** A calendar day (YYYY-MM-DD or YYYYMMDD); null when absent. */
export function dayAt(element: XmlElement | undefined, path: string): string | null {
  const target = at(element, path);
  const text = textOf(target);
  if (!target || !text) return null;
  return isoDay(text) ?? broken(target, text, 'a date');
}

/** An instant as BOAMP writes it (`2017-02-07T12:00:00+01:00`); without an offset, Paris time. Null when absent. */
export function instantAt(element: XmlElement | undefined, path: string): Date | null {
  const target = at(element, path);
  const text = textOf(target);
  if (!target || !text) return null;
  const parts = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(text);
  const day = parts ? isoDay(parts[1]) : null;
  let value: Date | null = null;
  if (parts && day) value = parts[4] ? new Date(`${day}T${parts[2] ?? '00:00'}${parts[3] ?? ':00'}${parts[4]}`) : zonedInstant(day, parts[2] ?? '00:00', 'Europe/Paris');
  return value && !Number.isNaN(value.getTime()) ? value : broken(target, text, 'a date and time');
}

/** eForms: a date and an optional time, each with its offset. */
export function zonedDateTimeAt(element: XmlElement | undefined, datePath: string, timePath: string): Date | null {
  const date = at(element, datePath);
  const text = textOf(date);
  if (!date || !text) return null;
  const time = at(element, timePath);
  return instantWithOffset(text, textOf(time) || null) ?? broken(time && textOf(time) && isoDay(text) ? time : date, `${text} ${textOf(time)}`.trim(), 'a date and time');
}

/** A CPV code as written (8 digits, maybe its check digit); null when absent. The importer then checks it against CPV 2008. */
export function cpvOf(element: XmlElement | undefined, text: string): string | null {
  if (!element || !text) return null;
  return /^\d{8}(?:[\s-]?\d)?$/.test(text.trim()) ? text.trim() : broken(element, text, 'a CPV code');
}

export const cpvAt = (element: XmlElement | undefined, path: string): string | null => {
  const target = at(element, path);
  return cpvOf(target, textOf(target));
};
