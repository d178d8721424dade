import { z } from 'zod';
import { plannedInstantProblem } from '../notices/plausibility.js';
import { badInput } from '../shared/errors.js';

/**
 * Field rules of trainings and sessions; each names the field it refuses, in French, with the code of
 * shared/errors.ts (`MISSING` for an absent or empty required value). Nothing here touches the database.
 */
const text = (max: number) => z.string().trim().max(max, `ne peut dépasser ${max} caractères`);
const optionalText = (max: number) => z.string().trim().max(max, `ne peut dépasser ${max} caractères`).transform((value) => value || null);
const httpsUrl = z
  .string()
  .trim()
  .max(500, 'ne peut dépasser 500 caractères')
  .url('doit être une adresse web')
  .refine((value) => value.startsWith('https://'), 'doit être une adresse web en https');

const said = (field: string, problem: string) => `Le champ ${field} ${problem}.`;

function check<T>(field: string, schema: z.ZodType<T>, value: unknown, required = true): T {
  if (required && (value === null || value === undefined || (typeof value === 'string' && value.trim() === ''))) {
    throw badInput(field, said(field, 'est obligatoire'), 'MISSING');
  }
  const result = schema.safeParse(value);
  if (!result.success) throw badInput(field, said(field, result.error.issues[0]?.message ?? 'est invalide'));
  return result.data;
}

export const MAX_CAPACITY = 500;

export const validateTraining = {
  title: (value: string) => check('title', text(200), value),
  description: (value: string) => check('description', text(20_000), value),
  providerName: (value: string) => check('providerName', text(200), value),
  durationHours: (value: number) =>
    check(
      'durationHours',
      z
        .number()
        .finite('doit être un nombre')
        .gt(0, 'doit être supérieur à zéro')
        .max(500, 'ne peut dépasser 500 heures')
        .multipleOf(0.25, 'se compte au quart d’heure près'),
      value,
    ),
  place: (value: string | null | undefined) => (value == null ? null : check('place', optionalText(300), value, false)),
  remoteUrl: (value: string | null | undefined) => (value == null || value.trim() === '' ? null : check('remoteUrl', httpsUrl, value)),
  capacity: (value: number) =>
    check(
      'capacity',
      z.number().int('doit être un nombre entier').min(1, 'doit valoir au moins 1').max(MAX_CAPACITY, `ne peut dépasser ${MAX_CAPACITY}`),
      value,
    ),
  reason: (value: string) => check('reason', text(2_000), value),
  /** A session's start or end: a real instant, from 2000 to five years ahead (notices/plausibility.ts). */
  date: (value: Date | null | undefined, field: string, now: Date) => {
    if (value === null || value === undefined) throw badInput(field, said(field, 'est obligatoire'), 'MISSING');
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw badInput(field, said(field, 'doit être une date'));
    const problem = plannedInstantProblem(value, now);
    if (problem) throw badInput(field, said(field, problem), 'IMPLAUSIBLE');
    return value;
  },
};

/** A session ends after it starts, within a week (longer courses are several sessions), and is somewhere. */
export function sessionShapeProblem(session: { startsAt: Date; endsAt: Date; place: string | null; remoteUrl: string | null }): { field: string; message: string } | null {
  const length = session.endsAt.getTime() - session.startsAt.getTime();
  if (length <= 0) return { field: 'endsAt', message: 'Le champ endsAt doit être après startsAt.' };
  if (length > 7 * 86_400_000) return { field: 'endsAt', message: 'Une session dure au plus une semaine (une formation plus longue compte plusieurs sessions).' };
  if (!session.place && !session.remoteUrl) return { field: 'place', message: 'Une session a un lieu ou un lien de visioconférence.' };
  return null;
}
