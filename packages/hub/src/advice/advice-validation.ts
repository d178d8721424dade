import { z } from 'zod';
import { badInput } from '../shared/errors.js';
import { foldText } from '../shared/text.js';
import type { AdviceAttachment } from './advice-request.entity.js';

/** Field rules of advice requests; each names the field it refuses. Nothing here touches the database. */
const text = (max: number) => z.string().trim().min(1, 'ne doit pas être vide').max(max, `compte au plus ${max} caractères`);
const webUrl = z
  .string()
  .trim()
  .max(2_000, 'compte au plus 2 000 caractères')
  .url('doit être une adresse web')
  .refine((value) => /^https?:\/\/[^/]/i.test(value), 'doit être une adresse http(s)');

function check<T>(field: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw badInput(field, `${field} ${result.error.issues[0]?.message ?? 'est invalide'}`);
  return result.data;
}

export const MAX_ATTACHMENTS = 10;

export const validateAdvice = {
  subject: (value: string, field = 'subject') => check(field, text(200), value),
  question: (value: string, field = 'question') => check(field, text(10_000), value),
  body: (value: string, field = 'body') => check(field, text(10_000), value),
  reason: (value: string, field = 'reason') => check(field, text(2_000), value),
  attachments(values: ReadonlyArray<{ label?: string | null; url: string }> | null | undefined): AdviceAttachment[] {
    const list = values ?? [];
    if (list.length > MAX_ATTACHMENTS) throw badInput('attachments', `attachments compte au plus ${MAX_ATTACHMENTS} liens`);
    return list.map((attachment, index) => {
      const url = check(`attachments[${index}].url`, webUrl, attachment.url);
      const label = attachment.label == null || attachment.label.trim() === '' ? new URL(url).hostname : check(`attachments[${index}].label`, text(200), attachment.label);
      return { label, url };
    });
  },
  /** A calendar date (YYYY-MM-DD) not before `today`. */
  wishedAnswerDate(value: string | null | undefined, today: string): string | null {
    if (value == null || value.trim() === '') return null;
    const date = value.trim();
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    const valid = match && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
    if (!valid) throw badInput('wishedAnswerDate', 'wishedAnswerDate doit être une date AAAA-MM-JJ');
    if (date < today) throw badInput('wishedAnswerDate', 'wishedAnswerDate ne peut pas être dans le passé');
    return date;
  },
};

/**
 * The first of `names` (people, organisations, e-mail addresses) that `text` still mentions, compared folded (case
 * and accents ignored) and as whole words, or null. Used before an answer enters the knowledge base: what other
 * communes read must not say who asked, nor who answered.
 */
export function mentionedName(text: string, names: readonly string[]): string | null {
  const words = (value: string) => foldText(value).replace(/[^\p{L}\p{N}@]+/gu, ' ').trim();
  const haystack = ` ${words(text)} `;
  for (const name of names) {
    const needle = words(name);
    if (needle.length >= 2 && haystack.includes(` ${needle} `)) return name;
  }
  return null;
}

/** The words of a search, folded: each must appear in a knowledge entry. */
export function searchWords(text: string | null | undefined): string[] {
  if (!text) return [];
  return [...new Set(foldText(text).split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 2))].slice(0, 10);
}
