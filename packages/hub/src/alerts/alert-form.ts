import { isPlausibleAddress, normaliseAddress } from '../mail/mail-address.js';
import { PROCEDURES, type Procedure } from '../notices/response-times.js';
import { textInputProblem } from '../shared/text-input.js';
import { checkCriteria, type AlertCriteria } from './alert-criteria.js';
import { ALERT_FREQUENCIES, type AlertFrequency } from './alert-subscription.entity.js';

/**
 * What a plain HTML form posts (application/x-www-form-urlencoded, parsed by @fastify/formbody): a field sent once is
 * a string, several times (checkboxes, a multiple select) an array.
 */
export type FormBody = Record<string, string | string[] | undefined>;

/** The form's field names, shared by the site's form and the hub's "manage" page. */
export const FORM_FIELDS = {
  email: 'email',
  frequency: 'frequency',
  communes: 'communes',
  buyers: 'buyers',
  families: 'families',
  cpv: 'cpv',
  keywords: 'keywords',
  minAmount: 'minAmount',
  maxAmount: 'maxAmount',
  procedures: 'procedures',
  includePlanned: 'includePlanned',
  /** Left empty by people (hidden from them); robots that fill every field give themselves away. */
  honeypot: 'website',
} as const;

export type FormProblem = { field: string; message: string };
export type ParsedCriteriaForm = { ok: true; criteria: AlertCriteria; frequency: AlertFrequency } | ({ ok: false } & FormProblem);
export type ParsedSubscriptionForm = { ok: true; email: string; criteria: AlertCriteria; frequency: AlertFrequency; robot: boolean } | ({ ok: false } & FormProblem);

const MAX_FIELD_LENGTH = 2_000;

function values(body: FormBody, field: string): string[] {
  const raw = body[field];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return list.filter((value): value is string => typeof value === 'string');
}

function single(body: FormBody, field: string): string {
  return values(body, field)[0]?.trim() ?? '';
}

/** "120 000", "120000,50", "1.5e3" refused: euros as people type them, spaces (also narrow no-break) allowed. */
export function parseEuros(text: string): number | null | 'invalid' {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
  if (compact === '') return null;
  if (!/^\d{1,13}(?:[.,]\d{1,2})?$/.test(compact)) return 'invalid';
  return Number(compact.replace(',', '.'));
}

/** The criteria and frequency of a form (the subscription form or the manage page). Pure. */
export function parseCriteriaForm(body: FormBody): ParsedCriteriaForm {
  for (const [field, raw] of Object.entries(body)) {
    const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    if (list.length > 200 || list.some((value) => typeof value !== 'string' || value.length > MAX_FIELD_LENGTH)) {
      return { ok: false, field, message: 'Champ trop long.' };
    }
    // The hub's text rule, as for every text of its API: no control or bidi character is stored or mailed back.
    for (const value of list) {
      const problem = textInputProblem(value);
      if (problem) return { ok: false, field, message: `Ce champ ${problem}.` };
    }
  }
  const frequencyText = single(body, FORM_FIELDS.frequency) || 'IMMEDIATE';
  if (!(ALERT_FREQUENCIES as readonly string[]).includes(frequencyText)) return { ok: false, field: FORM_FIELDS.frequency, message: 'Choisissez « dès la publication » ou « une fois par jour ».' };
  const minAmount = parseEuros(single(body, FORM_FIELDS.minAmount));
  if (minAmount === 'invalid') return { ok: false, field: FORM_FIELDS.minAmount, message: 'Montant minimum invalide : un nombre d’euros, par exemple 40 000.' };
  const maxAmount = parseEuros(single(body, FORM_FIELDS.maxAmount));
  if (maxAmount === 'invalid') return { ok: false, field: FORM_FIELDS.maxAmount, message: 'Montant maximum invalide : un nombre d’euros, par exemple 200 000.' };
  const procedures = values(body, FORM_FIELDS.procedures).map((value) => value.trim());
  if (procedures.some((value) => !(PROCEDURES as readonly string[]).includes(value))) return { ok: false, field: FORM_FIELDS.procedures, message: 'Procédure inconnue.' };
  const split = (field: string, separator: RegExp) => values(body, field).flatMap((value) => value.split(separator));
  const checked = checkCriteria({
    communes: values(body, FORM_FIELDS.communes),
    buyers: values(body, FORM_FIELDS.buyers),
    families: values(body, FORM_FIELDS.families),
    cpvPrefixes: split(FORM_FIELDS.cpv, /[\s,;]+/),
    keywords: split(FORM_FIELDS.keywords, /[,;\n]+/),
    minAmount,
    maxAmount,
    procedures: procedures as Procedure[],
    includePlanned: values(body, FORM_FIELDS.includePlanned).length > 0,
  });
  if (!checked.ok) {
    const field = checked.field === 'cpvPrefixes' ? FORM_FIELDS.cpv : checked.field;
    return { ok: false, field, message: checked.message };
  }
  return { ok: true, criteria: checked.criteria, frequency: frequencyText as AlertFrequency };
}

/** The subscription form: an address and the criteria. `robot` when the hidden field was filled. Pure. */
export function parseSubscriptionForm(body: FormBody): ParsedSubscriptionForm {
  const email = single(body, FORM_FIELDS.email);
  if (!email) return { ok: false, field: FORM_FIELDS.email, message: 'Indiquez votre adresse électronique.' };
  if (!isPlausibleAddress(email)) return { ok: false, field: FORM_FIELDS.email, message: 'Adresse électronique invalide, par exemple contact@entreprise.fr.' };
  const parsed = parseCriteriaForm(body);
  if (!parsed.ok) return parsed;
  return { ok: true, email: normaliseAddress(email), criteria: parsed.criteria, frequency: parsed.frequency, robot: single(body, FORM_FIELDS.honeypot) !== '' };
}

/** Just an address (the form that asks for what is held about it). */
export function parseAddressForm(body: FormBody): { ok: true; email: string; robot: boolean } | ({ ok: false } & FormProblem) {
  const email = single(body, FORM_FIELDS.email);
  if (!email || !isPlausibleAddress(email)) return { ok: false, field: FORM_FIELDS.email, message: 'Adresse électronique invalide, par exemple contact@entreprise.fr.' };
  return { ok: true, email: normaliseAddress(email), robot: single(body, FORM_FIELDS.honeypot) !== '' };
}
