import { describe, expect, it } from 'vitest';
import { emptySummary, OTHER_REASONS, REASONS_KEPT, tallySkipped, tallyWarning } from './import-summary.js';

describe('the summary of an import, whatever the size of the file', () => {
  it('lists the first reasons one by one, then counts the others together, with their first locations', () => {
    const summary = emptySummary('decp.csv', 'decp-csv');
    // A reason naming its record (a uid met twice) differs on every row: a million rows must not make a million entries.
    for (let line = 2; line < 10_002; line++) tallySkipped(summary, { location: `line ${line}`, reason: `uid ${line} already read` });
    tallySkipped(summary, { location: 'line 10002', reason: 'uid 2 already read' });
    expect(summary.skipped).toBe(10_001);
    expect(summary.skippedReasons).toHaveLength(REASONS_KEPT + 1);
    expect(summary.skippedReasons[1]).toEqual({ reason: 'uid 3 already read', count: 1, examples: ['line 3'] });
    // A reason already listed is still counted under its own name.
    expect(summary.skippedReasons[0]).toEqual({ reason: 'uid 2 already read', count: 2, examples: ['line 2', 'line 10002'] });
    expect(summary.skippedReasons.at(-1)).toEqual({ reason: OTHER_REASONS, count: 10_000 - REASONS_KEPT, examples: ['line 52', 'line 53', 'line 54', 'line 55', 'line 56'] });
  });

  it('keeps the first warnings and counts them all', () => {
    const summary = emptySummary('decp.csv', 'decp-csv');
    for (let line = 2; line < 5_002; line++) tallyWarning(summary, `line ${line}: no main CPV in the source`);
    expect(summary.warningCount).toBe(5_000);
    expect(summary.warnings).toHaveLength(200);
    expect(summary.warnings[0]).toBe('line 2: no main CPV in the source');
  });
});
