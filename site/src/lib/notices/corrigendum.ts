import { formatCalendarDate, formatDateTime } from '../format/date.js';
import { formatEuros } from '../format/money.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONEY_FIELD = /(value|amount)$/i;

/**
 * A corrected value as a reader expects it. The hub sends before/after values as text in their raw form (ISO dates,
 * numbers, booleans); a changed deadline must read "lundi 14 décembre 2026 à 12 h 00", not an ISO string.
 */
export function formatChangeValue(field: string, value: string | null): string {
  if (value === null || value === '') return '—';
  if (ISO_INSTANT.test(value)) return formatDateTime(value);
  if (ISO_DAY.test(value)) return formatCalendarDate(value);
  if (value === 'true') return 'oui';
  if (value === 'false') return 'non';
  if (MONEY_FIELD.test(field) && /^-?\d+(\.\d+)?$/.test(value)) return formatEuros(Number(value));
  return value;
}
