/** What the runtime reports to metrics; implemented on prom-client in server/metrics. */
export interface RunMetrics {
  runStarted(trigger: string): void;
  runFinished(trigger: string, status: string, durationMs: number): void;
}
