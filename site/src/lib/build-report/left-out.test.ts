import { describe, expect, it } from 'vitest';
import { HubError } from '../hub/client.js';
import { attempt, leftOutSections, optionalSection, reportLeftOut } from './left-out.js';

describe('what a build leaves out', () => {
  it('turns an error the hub’s data caused into a failed attempt with the hub’s reason', async () => {
    await expect(attempt(() => Promise.reject(new HubError('Float cannot represent Infinity', { dataRefused: true })))).resolves.toEqual({
      ok: false,
      error: 'Float cannot represent Infinity',
    });
    await expect(attempt(() => Promise.resolve(42))).resolves.toEqual({ ok: true, value: 42 });
  });

  it.each([
    ['an unreachable hub', new HubError('cannot reach the hub')],
    ['a query the hub refuses to run', new HubError('GRAPHQL_VALIDATION_FAILED', { dataRefused: false })],
    ['a bug of the site', new TypeError('x is undefined')],
  ])('still fails on %s, which the next build would not meet again', async (_, error) => {
    await expect(attempt(() => Promise.reject(error))).rejects.toBe(error);
  });

  it('keeps the latest report of each loader, in the order loaders first reported', () => {
    const section = (what: string) => ({ page: '/indicateurs/', what, error: 'e' });
    reportLeftOut('test-a', [section('a1'), section('a2')]);
    reportLeftOut('test-b', [section('b1')]);
    reportLeftOut('test-a', [section('a3')]);
    expect(leftOutSections().filter((entry) => entry.error === 'e').map((entry) => entry.what)).toEqual(['a3', 'b1']);
    reportLeftOut('test-a', []);
    reportLeftOut('test-b', []);
    expect(leftOutSections()).toEqual([]);
  });

  it('reads an optional section once, reports it left out while the hub refuses its data, and reads it afresh once forgotten', async () => {
    let reads = 0;
    let refuse = true;
    const section = optionalSection({
      source: 'test-optional',
      page: '/formations/',
      what: 'Les prochaines sessions',
      load: async () => {
        reads += 1;
        if (refuse) throw new HubError('Float cannot represent NaN', { dataRefused: true });
        return 'sessions';
      },
    });
    expect(await section.get()).toEqual({ ok: false, error: 'Float cannot represent NaN' });
    await section.get();
    expect(reads).toBe(1);
    expect(leftOutSections()).toEqual([{ page: '/formations/', what: 'Les prochaines sessions', error: 'Float cannot represent NaN' }]);
    refuse = false;
    section.forget();
    expect(leftOutSections()).toEqual([]);
    expect(await section.get()).toEqual({ ok: true, value: 'sessions' });
    expect(reads).toBe(2);
    expect(leftOutSections()).toEqual([]);
  });
});
