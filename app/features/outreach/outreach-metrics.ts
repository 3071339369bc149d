export type Counts = { sent: number; opened: number; clicked: number; replied: number; bounced: number };

/** A share of sent messages as a whole percentage, or "–" before anything was sent. */
export function rate(part: number, sent: number): string {
  if (sent <= 0) return '–';
  return `${Math.round((part / sent) * 100)}%`;
}

export type Range = '7d' | '30d' | '90d';

/** The stats query for a range: hourly buckets for a week, daily otherwise. */
export function rangeQuery(range: Range, now: number): { from: Date; to: Date; bucket: 'hour' | 'day' } {
  const days = range === '7d' ? 7 : range === '30d' ? 30 : 90;
  return { from: new Date(now - days * 86_400_000), to: new Date(now), bucket: days <= 7 ? 'hour' : 'day' };
}

/** Axis label of a bucket start. */
export function bucketLabel(at: string, bucket: 'hour' | 'day'): string {
  const d = new Date(at);
  return bucket === 'day'
    ? d.toLocaleDateString('en', { month: 'short', day: 'numeric' })
    : d.toLocaleString('en', { month: 'short', day: 'numeric', hour: '2-digit', hour12: false });
}
