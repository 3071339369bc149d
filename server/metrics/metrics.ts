import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { QueueCounts } from '../queue/run-queue.ts';
import type { RunMetrics } from '../runs/run-metrics.ts';

/**
 * Prometheus metrics of one process (prom-client), served at /metrics. Each process has its
 * own registry so tests and several servers in one process never collide.
 */
export function createMetrics(opts: { queueCounts?: () => Promise<QueueCounts>; socketCount?: () => number } = {}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'flowforge_' });

  const httpDuration = new Histogram({
    name: 'flowforge_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const runsStarted = new Counter({ name: 'flowforge_runs_started_total', help: 'Runs started', labelNames: ['trigger'] as const, registers: [registry] });
  const runsFinished = new Counter({
    name: 'flowforge_runs_finished_total',
    help: 'Runs finished',
    labelNames: ['trigger', 'status'] as const,
    registers: [registry],
  });
  const runDuration = new Histogram({
    name: 'flowforge_run_duration_seconds',
    help: 'Run duration from start to finish',
    labelNames: ['trigger', 'status'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120, 600],
    registers: [registry],
  });
  const nodeDuration = new Histogram({
    name: 'flowforge_node_duration_seconds',
    help: 'Node run duration by node type and outcome',
    labelNames: ['type', 'status'] as const,
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [registry],
  });
  new Gauge({
    name: 'flowforge_queue_jobs',
    help: 'Run queue jobs by state',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      if (!opts.queueCounts) return;
      const c = await opts.queueCounts().catch(() => null);
      if (!c) return;
      this.set({ state: 'waiting' }, c.waiting);
      this.set({ state: 'active' }, c.active);
      this.set({ state: 'delayed' }, c.delayed);
    },
  });
  new Gauge({
    name: 'flowforge_socket_connections',
    help: 'Open realtime (socket.io) connections',
    registers: [registry],
    collect() {
      if (opts.socketCount) this.set(opts.socketCount());
    },
  });

  const runs: RunMetrics = {
    runStarted: (trigger) => runsStarted.inc({ trigger }),
    runFinished: (trigger, status, ms) => {
      runsFinished.inc({ trigger, status });
      runDuration.observe({ trigger, status }, ms / 1000);
    },
  };

  return {
    registry,
    runs,
    observeNode: (type: string, status: string, ms: number) => nodeDuration.observe({ type, status }, ms / 1000),
    /** Times a request; `route` is a low-cardinality name (never a raw path with ids). */
    observeHttp(route: string, req: IncomingMessage, res: ServerResponse) {
      const end = httpDuration.startTimer({ route, method: req.method ?? 'GET' });
      res.once('finish', () => end({ status: String(res.statusCode) }));
    },
    async serve(_req: IncomingMessage, res: ServerResponse) {
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(await registry.metrics());
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Route label for a request path: ids and free-form parts collapsed. */
export function routeLabel(path: string): string {
  if (path.startsWith('/api/trpc/')) return `trpc:${path.slice('/api/trpc/'.length).split(',')[0]}`;
  if (path.startsWith('/api/hooks/')) return 'webhook';
  if (path.startsWith('/api/auth/')) return `auth:${path.slice('/api/auth/'.length)}`;
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return path.slice(1);
  if (path.startsWith('/_next/')) return 'next-static';
  return 'page';
}
