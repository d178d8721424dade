import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Limits failed sign-ins per email and per client address. In memory: one hub process per database, which is
 * the SQLite deployment; a shared store is needed once several processes serve one database.
 */
export class LoginLimiter {
  private readonly perEmail = new RateLimiterMemory({ keyPrefix: 'email', points: 5, duration: 15 * 60 });
  private readonly perAddress = new RateLimiterMemory({ keyPrefix: 'ip', points: 30, duration: 15 * 60 });

  /** Seconds to wait before trying again, or 0 when allowed. */
  async retryAfter(email: string, address: string): Promise<number> {
    const [byEmail, byAddress] = await Promise.all([this.perEmail.get(email), this.perAddress.get(address)]);
    const blocked = [byEmail, byAddress].filter(
      (res): res is RateLimiterRes => res !== null && res.remainingPoints <= 0,
    );
    if (blocked.length === 0) return 0;
    return Math.max(1, Math.ceil(Math.max(...blocked.map((res) => res.msBeforeNext)) / 1000));
  }

  async recordFailure(email: string, address: string): Promise<void> {
    await Promise.allSettled([this.perEmail.consume(email), this.perAddress.consume(address)]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.perEmail.delete(email);
  }
}
