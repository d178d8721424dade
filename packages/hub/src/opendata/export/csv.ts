import { effectiveStatus } from '../../notices/notice-lifecycle.js';
import { publicSiren } from '../../organisations/siren-placeholder.js';
import type { OpenDataLot, OpenDataNotice } from './open-data-notice.js';

type CsvValue = string | number | boolean | null | undefined;

interface Column {
  name: string;
  value: (notice: OpenDataNotice, lot: OpenDataLot, now: Date) => CsvValue;
}

/**
 * One row per lot of every public notice, the notice's fields repeated on each row. The same conventions and
 * column names as the site's lots CSV, plus where an imported notice comes from and every holder of a lot:
 * UTF-8 with a byte order mark (so that Excel, which most buyers open CSV files with, reads the accents instead of
 * guessing Windows-1252), comma separators and dot decimals (RFC 4180, what every CSV reader and data.gouv expect),
 * CRLF line ends, ISO 8601 instants in UTC, booleans as oui / non.
 */
export const CSV_COLUMNS: readonly Column[] = [
  { name: 'reference', value: (n) => n.reference },
  { name: 'title', value: (n) => n.title },
  { name: 'buyer_name', value: (n) => n.organisation.name },
  { name: 'buyer_siren', value: (n) => publicSiren(n.organisation.siren) },
  { name: 'buyer_siret', value: (n) => n.organisation.siret },
  { name: 'status', value: (n, _lot, now) => effectiveStatus(n.status, n.submissionDeadline, now) },
  { name: 'nature', value: (n) => n.nature },
  { name: 'procedure', value: (n) => n.procedure },
  { name: 'main_cpv', value: (n) => n.mainCpv },
  { name: 'family', value: (n) => n.familySlug },
  { name: 'place_insee', value: (n) => n.placeOfPerformanceInsee },
  { name: 'published_at', value: (n) => n.publishedAt?.toISOString() },
  { name: 'submission_deadline', value: (n) => n.submissionDeadline.toISOString() },
  { name: 'notice_estimated_value', value: (n) => (n.estimatedValuePublic ? n.estimatedValue : null) },
  { name: 'social_clause', value: (n) => n.socialClause },
  { name: 'environmental_clause', value: (n) => n.environmentalClause },
  { name: 'reserved_for', value: (n) => n.reservedFor },
  { name: 'framework_agreement', value: (n) => n.frameworkAgreement },
  { name: 'lot_number', value: (_n, lot) => lot.number },
  { name: 'lot_title', value: (_n, lot) => lot.title },
  { name: 'lot_cpv', value: (_n, lot) => lot.cpv },
  { name: 'lot_estimated_value', value: (n, lot) => (n.estimatedValuePublic ? lot.estimatedValue : null) },
  { name: 'lot_status', value: (_n, lot) => lot.status },
  { name: 'supplier_name', value: (_n, lot) => lot.award?.supplierName },
  { name: 'supplier_siret', value: (_n, lot) => lot.award?.supplierSiret },
  { name: 'supplier_sme', value: (_n, lot) => lot.award?.sme },
  { name: 'co_suppliers', value: (_n, lot) => lot.award?.coSuppliers.map((s) => (s.siret ? `${s.name} (${s.siret})` : s.name)).join(' | ') || null },
  { name: 'award_amount', value: (_n, lot) => lot.award?.amount },
  { name: 'awarded_on', value: (_n, lot) => lot.award?.awardedOn },
  { name: 'cancellation_reason', value: (n) => n.cancellationReason },
  { name: 'source_system', value: (n) => n.sourceSystem },
  { name: 'source_id', value: (n) => n.sourceId },
];

export const CSV_BOM = '\uFEFF';

/**
 * A text cell a spreadsheet would read as a formula (OWASP, "CSV Injection"): one starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return. Such text comes from whoever typed a title or a supplier's name, or from an imported
 * file, never from us. The same rule as the site's lots CSV (site/src/lib/open-data/csv.ts).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell: text that could start a formula gets a leading apostrophe, as OWASP advises, so LibreOffice and Excel
 * show it as text instead of evaluating it; numbers stay numbers (a negative amount is `-12.5`). Then RFC 4180.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let text = typeof value === 'boolean' ? (value ? 'oui' : 'non') : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvHeader = () => `${CSV_COLUMNS.map((column) => column.name).join(',')}\r\n`;

export function csvRows(notice: OpenDataNotice, now: Date): string {
  return notice.lots
    .map((lot) => `${CSV_COLUMNS.map((column) => csvField(column.value(notice, lot, now))).join(',')}\r\n`)
    .join('');
}
