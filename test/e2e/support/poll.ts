/** Thrown by a check when waiting longer cannot help (a process exited): `eventually` fails at once. */
export class GiveUp extends Error {}

/** What a check returns once satisfied: `false`, `null`, `undefined`, 0 and '' mean "not yet". */
export type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

/**
 * Polls `check` until it returns something truthy (or stops throwing); fails after `timeoutMs` with `what` and the
 * last error. The timeouts are generous on purpose: they bound a broken run, they do not measure anything.
 */
export async function eventually<T>(
  what: string,
  check: () => T | Promise<T>,
  { timeoutMs = 60_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
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
