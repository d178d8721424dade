import { sql, type RawQueryFragment } from '@mikro-orm/core';

/**
 * Column values of plain SQL rows, converted as MikroORM's hydration would, whatever the database: SQLite gives
 * datetimes as epoch milliseconds, booleans as 0/1, JSON as text, where PostgreSQL gives Date, boolean and parsed JSON.
 */
export type Row = Record<string, unknown>;

/**
 * The select list of a statement read as unmapped rows (`execute('all', false)`): each column under the alias its
 * row is read by (`{ family_slug: 'f.slug' }`), explicit so the rows are the same on SQLite and PostgreSQL.
 */
export function columnsAs(columns: Readonly<Record<string, string>>): RawQueryFragment[] {
  return Object.entries(columns).map(([alias, column]) => sql.ref(column).as(alias));
}

export function dateOf(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  const text = String(value);
  if (/^\d+$/.test(text)) return new Date(Number(text));
  // The hub stores instants in UTC (`forceUtcTimezone`): a text without offset is UTC, as MikroORM reads it.
  // PostgreSQL writes a timestamptz as `2026-12-05 11:00:00.123+00` (an offset of hours only, or +05:30).
  return new Date(/(Z|[+-]\d\d(:?\d\d)?)$/.test(text) ? text : `${text}Z`);
}

export const nullableDateOf = (value: unknown): Date | null => (value === null || value === undefined ? null : dateOf(value));

export const booleanOf = (value: unknown): boolean => Boolean(value);

export const nullableBooleanOf = (value: unknown): boolean | null => (value === null || value === undefined ? null : booleanOf(value));

/** Doubles: some drivers give them as text. */
export const nullableNumberOf = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export function jsonOf<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export const nullableJsonOf = <T>(value: unknown): T | null => (value === null || value === undefined ? null : jsonOf<T>(value));
