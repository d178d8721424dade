import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Limits the public alert forms (subscribe, "what do you hold about me") per client address: 10 an hour. Per e-mail
 * address, the service sends at most one mail per REQUEST_WINDOW_MS whatever is asked. In memory, like the sign-in
 * limiter: one hub process per SQLite database.
 */
export class AlertRequestLimiter {
  private readonly perClient = new RateLimiterMemory({ keyPrefix: 'alerts-ip', points: 10, duration: 60 * 60 });

  /** Counts a request; seconds to wait when over the limit, else 0. */
  async take(clientAddress: string): Promise<number> {
    try {
      await this.perClient.consume(clientAddress);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw rejection;
    }
  }
}
