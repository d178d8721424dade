// The order in which the publisher's long-lived renderer (renderer.mjs) handles its requests.
// - Releases (`full`, `notices`, `search`) one at a time, in the order they came: each starts from the one before.
// - The slow path's pages (`prepare-slow`) beside them, one job at a time, so that a publication is released while
//   they render. The renderer has one JavaScript thread, shared by the two: the job gives way to the releases. It
//   calls `giveWay()` between two steps (a route, a piece of a streamed file, a file to compress), which waits while
//   a release is queued or under way, so a publication arriving meanwhile renders as if the job were not there
//   (the job's helpers outside the thread, compression and the hub's answers, may still run).
// - A release other than `notices` (a full build, the slow-path release) asks the job to stop and waits for it:
//   they read the same loaders again and share the official files' manifest. A stopped job stops giving way (it
//   gives up at its next step).

/**
 * `handle(request, job)` answers one request (a promise of the answer's fields); `job` is given for a side job only:
 * `{ stopped(), giveWay() }`. `answer(message)` sends an answer. `isSideJob(request)` says which requests run
 * beside the releases. Returns `{ submit(request), drained() }`: `drained()` resolves once everything submitted so far
 * is answered.
 */
export function createRequestQueue({ handle, answer, isSideJob }) {
  let releases = Promise.resolve();
  /** Releases queued or under way. */
  let releasesWaiting = 0;
  /** Side jobs waiting for the releases to be done (each a function that wakes one). */
  let wakers = [];
  /** The side job under way: `stopped` asks it to give up; `done` settles once it is answered. */
  let sideJob = null;

  /** `handle`'s answer, or the error it threw as a failed answer: every request is answered, and the queue goes on. */
  const answerOf = async (request, job) => {
    try {
      return await handle(request, job);
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };

  const wakeSideJobs = () => {
    const waking = wakers;
    wakers = [];
    for (const wake of waking) wake();
  };

  function startSideJob(request) {
    if (sideJob) {
      answer({ id: request.id, ok: false, error: 'the slow path is already being prepared' });
      return;
    }
    const job = {
      stopped: false,
      gaveWay: { times: 0, ms: 0 },
      done: null,
    };
    const context = {
      stopped: () => job.stopped,
      /** Resolves at once when no release waits (or the job was asked to stop), else once none does. */
      giveWay: async () => {
        if (releasesWaiting === 0 || job.stopped) return;
        const started = performance.now();
        job.gaveWay.times += 1;
        while (releasesWaiting > 0 && !job.stopped) await new Promise((resolve) => wakers.push(resolve));
        job.gaveWay.ms += performance.now() - started;
      },
      gaveWay: () => ({ times: job.gaveWay.times, ms: Math.round(job.gaveWay.ms) }),
    };
    sideJob = job;
    job.done = (async () => {
      // It starts once the releases queued before it are done, as it would in the queue.
      await context.giveWay();
      answer({ id: request.id, ...(await answerOf(request, context)) });
    })().finally(() => {
      if (sideJob === job) sideJob = null;
    });
  }

  function submit(request) {
    if (isSideJob(request)) {
      startSideJob(request);
      return;
    }
    releasesWaiting += 1;
    releases = releases.then(async () => {
      try {
        if (sideJob && request.command !== 'notices') {
          sideJob.stopped = true;
          wakeSideJobs();
          await sideJob.done;
        }
        answer({ id: request.id, ...(await answerOf(request, undefined)) });
      } finally {
        releasesWaiting -= 1;
        if (releasesWaiting === 0) wakeSideJobs();
      }
    });
  }

  return {
    submit,
    drained: () => Promise.all([releases, sideJob?.done]).then(() => undefined),
  };
}
