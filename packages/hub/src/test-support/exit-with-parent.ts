/**
 * Makes a child Node process die with the process that started it, however that one ends.
 *
 * A Vitest worker that is ended (SIGTERM, or SIGKILL when it does not stop in time) runs no `exit` handler, so the
 * `hub serve` processes it started would live on as orphans holding ports and database connections. Instead the
 * child gets a pipe from its parent as stdin and a preloaded module that watches it: the kernel closes the parent's
 * end when the parent dies, for any reason, and the child reads end-of-file. It then stops itself with SIGTERM (the
 * hub's clean shutdown), and with SIGKILL if that has not ended it within `graceMs`. The watch holds the event loop
 * open for nothing (the pipe is unref'd), so a child that ends by itself still exits.
 *
 * Spawn with `[...exitWithParentArgs(), script, ...]` and `stdio: ['pipe', …]`, and never end the child's stdin.
 */
export function exitWithParentArgs(graceMs = 10_000): string[] {
  const watch = `
const watch = process.stdin;
if (typeof watch.unref === 'function') {
  const stop = () => {
    process.kill(process.pid, 'SIGTERM');
    setTimeout(() => process.kill(process.pid, 'SIGKILL'), ${Number(graceMs)}).unref();
  };
  watch.once('end', stop);
  watch.once('error', stop);
  watch.resume();
  watch.unref();
}`;
  return [`--import=data:text/javascript,${encodeURIComponent(watch)}`];
}
