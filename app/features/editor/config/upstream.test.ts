import { describe, expect, it } from 'vitest';
import { upstreamNodes } from './upstream.ts';

describe('upstreamNodes', () => {
  const nodes = ['Trigger', 'Fetch', 'Lookup', 'Merge', 'Send', 'Elsewhere'].map((name) => ({ id: name.toLowerCase(), name }));
  const edges = [
    { source: 'trigger', target: 'fetch' },
    { source: 'trigger', target: 'lookup' },
    { source: 'fetch', target: 'merge' },
    { source: 'lookup', target: 'merge' },
    { source: 'merge', target: 'send' },
    { source: 'elsewhere', target: 'ghost' },
  ];

  it('walks edges backwards, nearest first, each node once', () => {
    expect(upstreamNodes('send', nodes, edges)).toEqual([
      { id: 'merge', name: 'Merge', distance: 1 },
      { id: 'fetch', name: 'Fetch', distance: 2 },
      { id: 'lookup', name: 'Lookup', distance: 2 },
      { id: 'trigger', name: 'Trigger', distance: 3 },
    ]);
  });

  it('is empty for a trigger and ignores edges from unknown nodes', () => {
    expect(upstreamNodes('trigger', nodes, edges)).toEqual([]);
    expect(upstreamNodes('fetch', nodes, [...edges, { source: 'missing', target: 'fetch' }])).toEqual([{ id: 'trigger', name: 'Trigger', distance: 1 }]);
  });

  it('terminates on cycles (a document may hold one until the compiler rejects it)', () => {
    const cyclic = [...edges, { source: 'send', target: 'trigger' }];
    expect(upstreamNodes('send', nodes, cyclic).map((n) => n.name)).toEqual(['Merge', 'Fetch', 'Lookup', 'Trigger']);
  });
});
