import { describe, expect, it } from 'vitest';
import { aNotice } from '../test-support/builders.js';
import { deadlineMonths, openListPages } from './list-views.js';

describe('the months of an open list', () => {
  it('gives each month of the deadlines once, with the page of its first deadline, months at midnight in Paris included', () => {
    // 2,000 open notices, soonest deadline first, about five hours apart: several months, each over many pages.
    const start = Date.parse('2026-12-31T23:30:00Z');
    const notices = Array.from({ length: 2_000 }, (_, index) =>
      aNotice({ reference: `2026-DRA-${String(index).padStart(4, '0')}`, submissionDeadline: new Date(start + index * 5 * 3_600_000).toISOString() }),
    );
    const months = deadlineMonths(notices);
    // Worked out notice by notice: the first notice of each month in Paris, and the page it is on.
    const expected: { label: string; after: string | null }[] = [];
    let seen = '';
    for (const page of openListPages(notices).pages) {
      for (const notice of page.items) {
        const month = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }).format(new Date(notice.submissionDeadline));
        if (month !== seen) expected.push({ label: month, after: page.after });
        seen = month;
      }
    }
    expect(months).toEqual(expected);
    // 23:30 UTC on 31 December is already January in Paris.
    expect(months[0]).toEqual({ label: 'janvier 2027', after: null });
    expect(months.length).toBeGreaterThan(10);
  });
});
