import { z } from 'zod';
import { plannedInstantProblem } from '../notices/plausibility.js';
import { badInput, InputProblems } from '../shared/errors.js';
import { foldText } from '../shared/text.js';
import type { AdviceAttachment } from './advice-request.entity.js';

/**
 * Field rules of advice requests; each names the field it refuses, in French, with the code of shared/errors.ts
 * (`MISSING` for an absent or blank required value, `INVALID` for a malformed one). Nothing here touches the
 * database. The service wraps each call in `InputProblems.check` to report every refused field at once.
 */
const text = (max: number) => z.string().trim().max(max, `ne peut dépasser ${max} caractères`);
const webUrl = z
  .string()
  .trim()
  .max(2_000, 'ne peut dépasser 2 000 caractères')
  .url('doit être une adresse web')
  .refine((value) => /^https?:\/\/[^/]/i.test(value), 'doit être une adresse web en http(s)');

const said = (field: string, problem: string) => `Le champ ${field} ${problem}.`;

function check<T>(field: string, schema: z.ZodType<T>, value: unknown): T {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
    throw badInput(field, said(field, 'est obligatoire'), 'MISSING');
  }
  const result = schema.safeParse(value);
  if (!result.success) throw badInput(field, said(field, result.error.issues[0]?.message ?? 'est invalide'));
  return result.data;
}

export const MAX_ATTACHMENTS = 10;

export const validateAdvice = {
  subject: (value: string, field = 'subject') => check(field, text(200), value),
  question: (value: string, field = 'question') => check(field, text(10_000), value),
  body: (value: string, field = 'body') => check(field, text(10_000), value),
  reason: (value: string, field = 'reason') => check(field, text(2_000), value),
  /** Every refused link at once (`attachments[i].url`, `attachments[i].label`), or the list's length. */
  attachments(values: ReadonlyArray<{ label?: string | null; url: string }> | null | undefined): AdviceAttachment[] {
    const list = values ?? [];
    if (list.length > MAX_ATTACHMENTS) throw badInput('attachments', said('attachments', `compte au plus ${MAX_ATTACHMENTS} liens`));
    const problems = new InputProblems();
    const attachments = list.map((attachment, index) => {
      const url = problems.check(() => check(`attachments[${index}].url`, webUrl, attachment.url));
      const label =
        attachment.label == null || attachment.label.trim() === ''
          ? url && new URL(url).hostname
          : problems.check(() => check(`attachments[${index}].label`, text(200), attachment.label));
      return { label: label ?? '', url: url ?? '' };
    });
    problems.throwIfAny();
    return attachments;
  },
  /** A calendar date (YYYY-MM-DD) from `today` (Paris) to five years ahead (notices/plausibility.ts). */
  wishedAnswerDate(value: string | null | undefined, today: string): string | null {
    if (value == null || value.trim() === '') return null;
    const date = value.trim();
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    const day = match ? new Date(`${date}T00:00:00Z`) : null;
    const valid = day !== null && !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === date;
    if (!valid) throw badInput('wishedAnswerDate', said('wishedAnswerDate', 'doit être une date AAAA-MM-JJ qui existe'));
    if (date < today) throw badInput('wishedAnswerDate', said('wishedAnswerDate', 'ne peut pas être dans le passé'));
    const horizon = plannedInstantProblem(day, new Date(`${today}T12:00:00Z`));
    if (horizon) throw badInput('wishedAnswerDate', said('wishedAnswerDate', horizon), 'IMPLAUSIBLE');
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
