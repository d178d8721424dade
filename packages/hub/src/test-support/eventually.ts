// The one polling helper of every test of the repository (hub, publisher, site, test/): tests never sleep to wait for
// something, they poll for it with a deadline.

/** Thrown by a check when waiting longer cannot help (a process exited): `eventually` fails at once with it. */
export class GiveUp extends Error {}

/** What a check returns once satisfied: `false`, `null`, `undefined`, 0 and '' mean "not yet". */
export type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

export interface EventuallyOptions {
  /** What is waited for, as the failure says it. */
  what?: string;
  /** Generous on purpose: it bounds a broken run on a loaded machine, it measures nothing. */
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Polls `check` until it returns something truthy (or stops throwing), and resolves with it; fails after `timeoutMs`
 * with `what` and the check's last error, or at once when the check throws a `GiveUp`.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  { what = 'the condition', timeoutMs = 30_000, intervalMs = 25 }: EventuallyOptions = {},
): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as Truthy<T>;
      last = undefined;
    } catch (error) {
      if (error instanceof GiveUp) throw error;
      last = error;
    }
    if (Date.now() > deadline) {
      const because = last instanceof Error ? `: ${last.message}` : last ? `: ${String(last)}` : '';
      throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${because}`, { cause: last });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
