import { z } from 'zod';
import { badInput } from '../shared/errors.js';

/** Field rules of trainings and sessions; each names the field it refuses. Nothing here touches the database. */
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `at most ${max} characters`).transform((value) => value || null);
const httpsUrl = z
  .string()
  .trim()
  .max(500)
  .url('must be a URL')
  .refine((value) => value.startsWith('https://'), 'must be an https URL');

function check<T>(field: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw badInput(field, `${field} ${result.error.issues[0]?.message ?? 'is invalid'}`);
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
      z.number().finite().gt(0, 'must be more than zero').max(500, 'is at most 500 hours').multipleOf(0.25, 'counts quarter hours at most'),
      value,
    ),
  place: (value: string | null | undefined) => (value == null ? null : check('place', optionalText(300), value)),
  remoteUrl: (value: string | null | undefined) => (value == null || value.trim() === '' ? null : check('remoteUrl', httpsUrl, value)),
  capacity: (value: number) => check('capacity', z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_CAPACITY, `is at most ${MAX_CAPACITY}`), value),
  reason: (value: string) => check('reason', text(2_000), value),
  date: (value: Date, field: string) => {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw badInput(field, `${field} must be a date`);
    return value;
  },
};

/** A session ends after it starts, within a week (longer courses are several sessions), and is somewhere. */
export function sessionShapeProblem(session: { startsAt: Date; endsAt: Date; place: string | null; remoteUrl: string | null }): { field: string; message: string } | null {
  const length = session.endsAt.getTime() - session.startsAt.getTime();
  if (length <= 0) return { field: 'endsAt', message: 'endsAt must be after startsAt' };
  if (length > 7 * 86_400_000) return { field: 'endsAt', message: 'A session lasts at most a week' };
  if (!session.place && !session.remoteUrl) return { field: 'place', message: 'A session needs a place or a remote link' };
  return null;
}
