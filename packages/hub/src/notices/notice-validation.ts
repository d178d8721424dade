import { z } from 'zod';
import { badInput } from '../shared/errors.js';
import { getCpvCatalogue } from '../reference/cpv-catalogue.js';
import { getVarCommune } from '../reference/territory.js';
import { isValidSiret } from './siret.js';

/**
 * Field rules shared by drafts, corrections and awards. Each check names the field it refuses, so a client can
 * point at it; nothing here touches the database.
 */
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const amount = z.number().finite().min(0, 'must be zero or more').max(1e12, 'is too large');
const httpsUrl = z
  .string()
  .trim()
  .max(500)
  .url('must be a URL')
  .refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL');
const email = z.string().trim().toLowerCase().email('must be an email address').max(254);

function check<T>(field: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw badInput(field, `${field} ${result.error.issues[0]?.message ?? 'is invalid'}`);
  return result.data;
}

export const validate = {
  title: (value: string, field = 'title') => check(field, text(300), value),
  description: (value: string) => check('description', text(20_000), value),
  amount: (value: number | null | undefined, field: string) =>
    value === null || value === undefined ? null : check(field, amount, value),
  url: (value: string, field = 'buyerProfileUrl') => check(field, httpsUrl, value),
  email: (value: string, field = 'contactEmail') => check(field, email, value),
  reason: (value: string, field = 'reason') => check(field, text(2_000), value),
  date: (value: Date, field: string) => {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw badInput(field, `${field} must be a date`);
    return value;
  },
  calendarDate: (value: string, field: string) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
    const date = match ? new Date(`${value.trim()}T00:00:00Z`) : null;
    if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value.trim()) {
      throw badInput(field, `${field} must be a date written YYYY-MM-DD`);
    }
    return value.trim();
  },
  cpv: (value: string, field: string): string => {
    const code = getCpvCatalogue().normalise(value);
    if (!code) throw badInput(field, `${field}: ${JSON.stringify(value)} is not a CPV 2008 code`);
    return code;
  },
  cpvList: (values: string[], field: string): string[] => {
    const codes = values.map((value, index) => validate.cpv(value, `${field}[${index}]`));
    return [...new Set(codes)];
  },
  communeInsee: (value: string | null | undefined, field: string): string | null => {
    if (value === null || value === undefined || value.trim() === '') return null;
    if (!getVarCommune(value.trim())) throw badInput(field, `${field}: ${value} is not the INSEE code of a Var commune`);
    return value.trim();
  },
  inseeCode: (value: string | null | undefined, field: string): string | null => {
    if (value === null || value === undefined || value.trim() === '') return null;
    if (!/^(\d{5}|2[AB]\d{3})$/.test(value.trim())) throw badInput(field, `${field} must be an INSEE commune code`);
    return value.trim();
  },
  siret: (value: string, field = 'supplierSiret'): string => {
    const digits = value.replace(/\s/g, '');
    if (!isValidSiret(digits)) throw badInput(field, `${field} is not a valid SIRET (14 digits with a valid key)`);
    return digits;
  },
  positiveInt: (value: number, field: string, max: number): number => {
    if (!Number.isInteger(value) || value < 1 || value > max) throw badInput(field, `${field} must be 1 to ${max}`);
    return value;
  },
};
