import autocannon from 'autocannon';

/**
 * Drives `url` with autocannon for `durationSeconds` at `connections` concurrent connections, one request in
 * flight per connection, and returns the figures the reports use. Any error, timeout or non-2xx answer fails the
 * run: a fast error is not a throughput.
 */
export async function runLoad({ url, method = 'POST', headers, body, connections, durationSeconds, label }) {
  const result = await autocannon({
    url,
    method,
    headers,
    body,
    connections,
    pipelining: 1,
    duration: durationSeconds,
    timeout: 10,
    renderProgressBar: false,
    renderResultsTable: false,
    renderLatencyTable: false,
  });
  if (result.requests.total === 0) {
    throw new Error(`${label}: not one answer in ${durationSeconds} s (is the server stuck, or the machine saturated?)`);
  }
  const failures = result.errors + result.timeouts + result.non2xx;
  if (failures > 0) {
    throw new Error(
      `${label}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers ` +
        `out of ${result.requests.total} requests (status codes: ${JSON.stringify(result.statusCodeStats)})`,
    );
  }
  return {
    requests: result.requests.total,
    seconds: result.duration,
    requestsPerSecond: result.requests.total / result.duration,
    latencyMs: {
      mean: result.latency.average,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    bytesPerSecond: result.throughput.average,
  };
}
