import { describe, expect, it } from 'vitest';
import { PeerMarksStore } from './peer-marks.ts';

const mark = (clientId: number, color = '#f00') => ({ clientId, userId: `u${clientId}`, name: `User ${clientId}`, color });

describe('PeerMarksStore', () => {
  it('keeps the same array for a node whose marks did not change, and notifies only on change', () => {
    const store = new PeerMarksStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.set(new Map([['a', [mark(1)]]]));
    const first = store.get('a');
    store.set(new Map([['a', [mark(1)]]]));
    expect(store.get('a')).toBe(first);
    expect(calls).toBe(1);
    store.set(new Map([['a', [mark(1)]], ['b', [mark(2)]]]));
    expect(store.get('a')).toBe(first);
    expect(calls).toBe(2);
    store.set(new Map());
    expect(store.get('a')).toEqual([]);
    expect(calls).toBe(3);
  });
});
