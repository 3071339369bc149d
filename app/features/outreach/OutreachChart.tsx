'use client';

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { bucketLabel, type Counts } from './outreach-metrics.ts';

/** Colours readable on both themes; SVG presentation attributes cannot read CSS variables. */
export const SERIES: { key: keyof Counts; label: string; color: string }[] = [
  { key: 'sent', label: 'Sent', color: '#6366f1' },
  { key: 'opened', label: 'Opened', color: '#0ea5e9' },
  { key: 'clicked', label: 'Clicked', color: '#f59e0b' },
  { key: 'replied', label: 'Replied', color: '#10b981' },
];

type Point = Counts & { at: string };

/** Sent, opened, clicked and replied per bucket over the chosen range. */
export function OutreachChart({ series, bucket }: { series: Point[]; bucket: 'hour' | 'day' }) {
  const data = series.map((p) => ({ ...p, label: bucketLabel(p.at, bucket) }));
  return (
    <div className="h-72 w-full" data-testid="outreach-chart" data-points={series.length}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: -16 }}>
          <defs>
            {SERIES.map((s) => (
              <linearGradient key={s.key} id={`fill-${s.key}`} x1="0" y1="0" x2="0" y2="1">
                <stop offset="0%" stopColor={s.color} stopOpacity={0.25} />
                <stop offset="100%" stopColor={s.color} stopOpacity={0} />
              </linearGradient>
            ))}
          </defs>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.12} vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: 'currentColor' }} tickLine={false} axisLine={false} minTickGap={24} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: 'currentColor' }} tickLine={false} axisLine={false} />
          <Tooltip
            contentStyle={{ background: 'var(--ff-surface)', border: '1px solid var(--ff-line)', borderRadius: 8, fontSize: 12, color: 'var(--ff-fg)' }}
            labelStyle={{ color: 'var(--ff-muted)' }}
          />
          <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          {SERIES.map((s) => (
            <Area
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              strokeWidth={2}
              fill={`url(#fill-${s.key})`}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
