import { z } from 'zod';
import { badInput } from '../shared/errors.js';
import { getCpvCatalogue } from '../reference/cpv-catalogue.js';
import { getVarCommune } from '../reference/territory.js';
import {
  amountProblem,
  awardDateProblem,
  calendarDateFormatProblem,
  orderDateProblem,
  pastDateProblem,
  plannedInstantProblem,
} from './plausibility.js';
import { isValidSiret } from './siret.js';

/**
 * Field rules shared by drafts, corrections, awards, orders and groups. Each check names the field it refuses, with a
 * French message for the staff member and a stable code (`MISSING` for an absent or empty required value, `INVALID`
 * for a malformed one, `IMPLAUSIBLE` for a date or amount outside plausibility.ts's range), so a client can point
 * at it; nothing here touches the database. A service wraps each call in `InputProblems.check` to report every
 * refused field at once.
 */
const httpsUrl = z
  .string()
  .trim()
  .max(500, 'ne peut dépasser 500 caractères')
  .url('doit être une adresse web')
  .refine((value) => /^https?:\/\//.test(value), 'doit être une adresse web en http(s)');
const email = z.string().trim().toLowerCase().max(254, 'ne peut dépasser 254 caractères').email('doit être une adresse électronique');

const said = (field: string, problem: string) => `Le champ ${field} ${problem}.`;

function check<T>(field: string, schema: z.ZodType<T>, value: unknown): T {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) throw missing(field);
  const result = schema.safeParse(value);
  if (!result.success) throw badInput(field, said(field, result.error.issues[0]?.message ?? 'est invalide'));
  return result.data;
}

/** An absent or empty value of a required field. */
export const missing = (field: string) => badInput(field, said(field, 'est obligatoire'), 'MISSING');

function requiredText(value: string | null | undefined, field: string, max: number): string {
  if (value === null || value === undefined || value.trim() === '') throw missing(field);
  const trimmed = value.trim();
  if (trimmed.length > max) throw badInput(field, said(field, `ne peut dépasser ${max} caractères (${trimmed.length})`));
  return trimmed;
}

function plausible<T>(value: T, field: string, problem: string | null, code: 'INVALID' | 'IMPLAUSIBLE' = 'IMPLAUSIBLE'): T {
  if (problem) throw badInput(field, said(field, problem), code);
  return value;
}

function calendarDate(value: string | null | undefined, field: string): string {
  if (value === null || value === undefined || value.trim() === '') throw missing(field);
  const trimmed = value.trim();
  return plausible(trimmed, field, calendarDateFormatProblem(trimmed), 'INVALID');
}

export const validate = {
  title: (value: string | null | undefined, field = 'title') => requiredText(value, field, 300),
  description: (value: string | null | undefined) => requiredText(value, 'description', 20_000),
  reason: (value: string | null | undefined, field = 'reason') => requiredText(value, field, 2_000),
  /** An optional short text: null when absent or blank. */
  optionalText: (value: string | null | undefined, field: string, max: number): string | null =>
    value === null || value === undefined || value.trim() === '' ? null : requiredText(value, field, max),
  /** An optional amount in euros excl. VAT: null when absent, else finite, ≥ 0 and ≤ 100 billion. */
  amount: (value: number | null | undefined, field: string): number | null => {
    if (value === null || value === undefined) return null;
    const problem = amountProblem(value);
    return plausible(value, field, problem, problem && value >= 0 ? 'IMPLAUSIBLE' : 'INVALID');
  },
  /** A required amount. */
  requiredAmount: (value: number | null | undefined, field: string): number => {
    if (value === null || value === undefined) throw missing(field);
    return validate.amount(value, field) as number;
  },
  url: (value: string | null | undefined, field = 'buyerProfileUrl') => check(field, httpsUrl, value),
  email: (value: string | null | undefined, field = 'contactEmail') => check(field, email, value),
  /** An instant planned ahead (a deadline): a real date, from 2000 to five years after now. */
  plannedInstant: (value: Date | null | undefined, field: string, now: Date): Date => {
    if (value === null || value === undefined) throw missing(field);
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw badInput(field, said(field, 'doit être une date'));
    return plausible(value, field, plannedInstantProblem(value, now));
  },
  /** A calendar date written YYYY-MM-DD, without a plausibility rule (the caller adds its own). */
  calendarDate,
  /** A past fact (a group agreement's start): a calendar date from 2000-01-01 to today. */
  pastDate: (value: string | null | undefined, field: string, now: Date): string => {
    const date = calendarDate(value, field);
    return plausible(date, field, pastDateProblem(date, now));
  },
  /** A date of a group's agreement (start or end): from 2000 to five years ahead. */
  agreementDate: (value: string | null | undefined, field: string, now: Date): string => {
    const date = calendarDate(value, field);
    return plausible(date, field, plannedInstantProblem(new Date(`${date}T12:00:00Z`), now));
  },
  /** An award decision: from the notice's publication day to today. */
  awardedOn: (value: string | null | undefined, publishedAt: Date | null, now: Date, field = 'awardedOn'): string => {
    const date = calendarDate(value, field);
    return plausible(date, field, awardDateProblem(date, publishedAt, now));
  },
  /** An order under a framework agreement: from the award of its lot (when known) to today. */
  orderedOn: (value: string | null | undefined, awardedOn: string | null, now: Date, field = 'orderedOn'): string => {
    const date = calendarDate(value, field);
    return plausible(date, field, orderDateProblem(date, awardedOn, now));
  },
  cpv: (value: string | null | undefined, field: string): string => {
    if (value === null || value === undefined || value.trim() === '') throw missing(field);
    const code = getCpvCatalogue().normalise(value);
    if (!code) throw badInput(field, said(field, `: « ${value.trim()} » n’est pas un code CPV 2008`));
    return code;
  },
  cpvList: (values: string[], field: string): string[] => {
    const codes = values.map((value, index) => validate.cpv(value, `${field}[${index}]`));
    return [...new Set(codes)];
  },
  communeInsee: (value: string | null | undefined, field: string): string | null => {
    if (value === null || value === undefined || value.trim() === '') return null;
    if (!getVarCommune(value.trim())) throw badInput(field, said(field, `: ${value.trim()} n’est pas le code INSEE d’une commune du Var`));
    return value.trim();
  },
  inseeCode: (value: string | null | undefined, field: string): string | null => {
    if (value === null || value === undefined || value.trim() === '') return null;
    if (!/^(\d{5}|2[AB]\d{3})$/.test(value.trim())) throw badInput(field, said(field, 'doit être un code INSEE de commune (5 caractères)'));
    return value.trim();
  },
  siret: (value: string | null | undefined, field = 'supplierSiret'): string => {
    if (value === null || value === undefined || value.trim() === '') throw missing(field);
    const digits = value.replace(/\s/g, '');
    if (!isValidSiret(digits)) throw badInput(field, said(field, 'n’est pas un SIRET valide (14 chiffres dont une clé de contrôle)'));
    return digits;
  },
  positiveInt: (value: number, field: string, max: number): number => {
    if (!Number.isInteger(value) || value < 1 || value > max) throw badInput(field, said(field, `doit être un nombre entier de 1 à ${max}`));
    return value;
  },
};
