import { describe, expect, it } from 'vitest';
import { aNotice } from '../test-support/builders.js';
import { withSharedParts } from './shared-parts.js';

/** A notice as JSON.parse gives it: every part its own object. */
const asRead = (overrides: Parameters<typeof aNotice>[0] = {}) => JSON.parse(JSON.stringify(aNotice(overrides))) as ReturnType<typeof aNotice>;

describe('the parts notices repeat', () => {
  it('are held once per distinct value, the notices reading the same values as the hub gave', () => {
    const first = asRead({ reference: '2026-DRA-0101' });
    const second = asRead({ reference: '2026-DRA-0102' });
    const expected = [JSON.stringify(first), JSON.stringify(second)];
    const [a, b] = [withSharedParts(first), withSharedParts(second)];
    expect(b.organisation).toBe(a.organisation);
    expect(b.publicity).toBe(a.publicity);
    expect(b.mainCpv).toBe(a.mainCpv);
    expect(b.lots[0]!.cpv).toBe(a.lots[0]!.cpv);
    expect([JSON.stringify(a), JSON.stringify(b)]).toEqual(expected);
  });

  it('keeps apart the parts whose values differ', () => {
    const a = withSharedParts(asRead({ reference: '2026-DRA-0201' }));
    const other = asRead({ reference: '2026-DRA-0202' });
    const b = withSharedParts({ ...other, organisation: { ...other.organisation, name: 'Autre acheteur' } });
    expect(b.organisation).not.toBe(a.organisation);
    expect(b.organisation.name).toBe('Autre acheteur');
    expect(a.organisation.name).not.toBe('Autre acheteur');
  });
});
