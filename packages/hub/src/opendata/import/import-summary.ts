import type { ImportFormat } from './detect-format.js';
import type { SkippedRecord } from './imported-notice.js';

/** How many records were skipped for one reason, and where the first ones were. */
export interface SkipReason {
  reason: string;
  count: number;
  /** The first few locations only: a national file may skip a million rows, which memory must not keep. */
  examples: string[];
}

export interface ImportSummary {
  file: string;
  format: ImportFormat;
  /** Records read from the file, skipped ones included. */
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  organisationsCreated: number;
  skipped: number;
  skippedReasons: SkipReason[];
  /** "location: what was not kept as such", e.g. a CPV code missing from CPV 2008: the first ones only. */
  warnings: string[];
  warningCount: number;
}

const EXAMPLES_KEPT = 5;
const WARNINGS_KEPT = 200;
/** Reasons listed one by one; a reason may name the record (a uid met twice), so a file may give one per row. */
export const REASONS_KEPT = 50;
export const OTHER_REASONS = `other reasons (only the first ${REASONS_KEPT} reasons are listed one by one)`;

export function emptySummary(file: string, format: ImportFormat): ImportSummary {
  return { file, format, records: 0, created: 0, updated: 0, unchanged: 0, organisationsCreated: 0, skipped: 0, skippedReasons: [], warnings: [], warningCount: 0 };
}

/** Counts a skipped record under its reason, keeping a bounded number of examples whatever the file's size. */
export function tallySkipped(summary: ImportSummary, record: SkippedRecord): void {
  summary.skipped++;
  let entry = summary.skippedReasons.find((item) => item.reason === record.reason);
  if (!entry && summary.skippedReasons.length >= REASONS_KEPT) {
    // Past the first reasons, the rest are counted together with their first locations: memory stays bounded.
    entry = summary.skippedReasons.find((item) => item.reason === OTHER_REASONS);
  }
  if (!entry) {
    entry = { reason: summary.skippedReasons.length >= REASONS_KEPT ? OTHER_REASONS : record.reason, count: 0, examples: [] };
    summary.skippedReasons.push(entry);
  }
  entry.count++;
  if (entry.examples.length < EXAMPLES_KEPT) entry.examples.push(record.location);
}

export function tallyWarning(summary: ImportSummary, warning: string): void {
  summary.warningCount++;
  if (summary.warnings.length < WARNINGS_KEPT) summary.warnings.push(warning);
}

/** A non-empty file of which nothing was imported is a failure, whatever the reason: the run must not look fine. */
export function nothingImportedReason(summary: ImportSummary): string | null {
  if (summary.records === 0 || summary.created + summary.updated + summary.unchanged > 0) return null;
  const reasons = summary.skippedReasons.map((item) => `${item.count} × ${item.reason} (${item.examples.join(', ')}${item.count > item.examples.length ? ', …' : ''})`);
  return `every one of its ${summary.records} record(s) was skipped: ${reasons.join('; ')}`;
}
