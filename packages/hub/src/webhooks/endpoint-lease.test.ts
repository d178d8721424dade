import { describe, expect, it } from 'vitest';
import { heartbeatEveryMs, LEASE_SPARE_MS, mayStartRequest, minimumLeaseMs } from './endpoint-lease.js';

describe('a request under an endpoint lease', () => {
  const now = new Date('2026-03-02T09:00:00Z');
  const at = (ms: number) => new Date(now.getTime() + ms);

  it('starts when the confirmed lease outlasts the whole timeout and the spare', () => {
    expect(mayStartRequest(at(5000 + LEASE_SPARE_MS), now, 5000)).toBe(true);
    expect(mayStartRequest(at(30_000), now, 5000)).toBe(true);
  });

  it('does not start when the lease would run out before the request may end, nor without a confirmed lease', () => {
    expect(mayStartRequest(at(5000 + LEASE_SPARE_MS - 1), now, 5000)).toBe(false);
    expect(mayStartRequest(at(-1), now, 5000)).toBe(false);
    expect(mayStartRequest(null, now, 5000)).toBe(false);
  });

  it('needs a lease of at least the timeout and two spares, renewed four times per lease', () => {
    expect(minimumLeaseMs(5000)).toBe(7000);
    expect(mayStartRequest(at(minimumLeaseMs(5000) - LEASE_SPARE_MS), now, 5000)).toBe(true);
    expect(heartbeatEveryMs(30_000)).toBe(7500);
  });
});
