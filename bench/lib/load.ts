import http from 'node:http';

export type LoadResult = {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
};

export type LoadOptions = {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | (() => string);
  connections: number;
  durationMs: number;
};

/**
 * Closed-loop HTTP load: `connections` keep-alive clients each send the next request as soon
 * as the previous answer arrives. Every latency is recorded, so percentiles are exact.
 */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const target = new URL(opts.url);
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + opts.durationMs;

  const once = () =>
    new Promise<void>((resolve) => {
      const body = typeof opts.body === 'function' ? opts.body() : opts.body;
      const t0 = performance.now();
      const req = http.request(
        target,
        { method: opts.method ?? 'GET', agent, headers: { ...opts.headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) } },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            if ((res.statusCode ?? 0) >= 400) errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        latencies.push(performance.now() - t0);
        resolve();
      });
      req.end(body);
    });

  const started = performance.now();
  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      while (performance.now() < deadline) await once();
    }),
  );
  const elapsed = performance.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => +(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN).toFixed(2);
  return {
    requests: latencies.length,
    errors,
    rps: Math.round((latencies.length / elapsed) * 1000),
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    max: +(latencies[latencies.length - 1] ?? NaN).toFixed(2),
  };
}
