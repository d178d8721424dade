/**
 * Values of plain SQL rows as the read models need them, whatever the database: SQLite gives datetimes as epoch
 * milliseconds, booleans as 0/1 and JSON as text, where PostgreSQL gives Date, boolean and parsed JSON.
 */
export function dateOf(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as number | string);
}

export function nullableDateOf(value: unknown): Date | null {
  return value === null || value === undefined ? null : dateOf(value);
}

export function nullableBooleanOf(value: unknown): boolean | null {
  return value === null || value === undefined ? null : Boolean(value);
}

export function jsonOf<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
