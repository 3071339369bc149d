import { describe, expect, it } from 'vitest';
import { versionOrigin } from './version-origin.ts';

describe('versionOrigin', () => {
  it('recognises the snapshots the server saves by itself', () => {
    expect(versionOrigin('Before restoring version 12')).toEqual({ kind: 'before-restore', restoredNumber: 12 });
    expect(versionOrigin('Draft run')).toEqual({ kind: 'draft-run' });
  });

  it('treats anything else as saved by someone', () => {
    expect(versionOrigin('')).toEqual({ kind: 'saved' });
    expect(versionOrigin('Before restoring version 3, tidy up')).toEqual({ kind: 'saved' });
  });
});
