import { describe, expect, it } from 'vitest';
import { createHarness } from '../testing/harness.ts';
import { workflow } from '../testing/workflow-builder.ts';

const at = (iso: string) => Date.parse(iso);

function flow(params: Record<string, unknown>, items: Record<string, unknown>[], settings?: Record<string, unknown>) {
  return workflow(
    [
      ['t', 'core.manualTrigger'],
      ['e', 'test.emit', { items }],
      ['w', 'outreach.sendWindow', params, settings],
      ['after', 'test.record'],
    ],
    ['t -> e', 'e -> w', 'w -> after'],
  );
}

describe('Wait for Send Window node', () => {
  it('passes items straight through inside the window', async () => {
    // Wednesday 09:30 UTC.
    const h = createHarness({ start: at('2025-01-01T09:30:00Z') });
    const outcome = await h.run(flow({}, [{ email: 'a@x.io' }, { email: 'b@x.io', timeZone: 'Europe/London' }]));
    expect(outcome).toMatchObject({ status: 'succeeded', output: [{ json: { email: 'a@x.io' } }, { json: { email: 'b@x.io' } }] });
  });

  it('waits until the window opens in the recipients\' zone, then releases the items unchanged', async () => {
    // Friday 18:00 UTC = 13:00 in New York: next window is Monday 09:00 EST = 14:00Z.
    const h = createHarness({ start: at('2025-01-03T18:00:00Z') });
    const items = [{ email: 'a@x.io', enrichment: { timeZone: 'America/New_York' } }, { email: 'b@x.io', enrichment: { timeZone: 'America/Toronto' } }];
    const definition = flow({ timeZoneField: 'enrichment.timeZone', startHour: 9, endHour: 12 }, items);
    const first = await h.run(definition, { runId: 'r1' });
    expect(first).toEqual({ runId: 'r1', status: 'waiting', resumeAt: at('2025-01-06T14:00:00Z') });
    expect(h.probe.count('after')).toBe(0);

    await h.clock.advance(at('2025-01-06T14:00:00Z') - h.clock.now());
    const done = await h.run(definition, { runId: 'r1' });
    expect(done.status).toBe('succeeded');
    expect(done.output?.map((i) => i.json.email)).toEqual(['a@x.io', 'b@x.io']);
  });

  it('uses the fallback zone for items without one, and spreads waits with jitter inside the window', async () => {
    const h = createHarness({ start: at('2025-01-01T05:00:00Z') });
    // Berlin opens at 08:00Z; jitter 30 min × random 0.5 = 15 min.
    const outcome = await h.run(flow({ timeZone: 'Europe/Berlin', jitterMinutes: 30 }, [{ email: 'a@x.io' }]));
    expect(outcome).toMatchObject({ status: 'waiting', resumeAt: at('2025-01-01T08:15:00Z') });
    // Jitter never reaches past the window's end.
    const short = await createHarness({ start: at('2025-01-01T05:00:00Z') }).run(flow({ startHour: 9, endHour: 10, jitterMinutes: 240 }, [{}]));
    expect(short).toMatchObject({ status: 'waiting', resumeAt: at('2025-01-01T09:29:30Z') });
  });

  it('waits for the first moment all windows are open, or fails clearly when they never overlap', async () => {
    const h = createHarness({ start: at('2025-01-01T06:00:00Z') });
    const overlap = await h.run(flow({ startHour: 9, endHour: 17 }, [{ timeZone: 'Europe/Berlin' }, { timeZone: 'Europe/London' }]));
    expect(overlap).toMatchObject({ status: 'waiting', resumeAt: at('2025-01-01T09:00:00Z') });
    const apart = await h.run(flow({}, [{ timeZone: 'Europe/Berlin' }, { timeZone: 'America/New_York' }]));
    expect(apart).toMatchObject({ status: 'failed', error: { code: 'SEND_WINDOW_NO_COMMON_TIME', message: expect.stringContaining('Europe/Berlin, America/New_York') } });
  });

  it('an unknown time zone is a clear error; with the error output no item is lost', async () => {
    const h = createHarness({ start: at('2025-01-01T06:00:00Z') });
    const items = [{ email: 'a@x.io', timeZone: 'Europe/Berlin' }, { email: 'b@x.io', timeZone: 'Mars/Olympus' }];
    const failed = await h.run(flow({}, items));
    expect(failed).toMatchObject({
      status: 'failed',
      error: { code: 'SEND_WINDOW_BAD_TIME_ZONE', message: 'Item 2 has an unknown time zone "Mars/Olympus" in "timeZone" (use an IANA name such as America/New_York)' },
    });
    const kept = await h.run(flow({}, items, { onError: 'error-output' }));
    expect(h.store.getNodeRun(kept.runId, 'w')?.output?.error?.map((i) => i.json.email)).toEqual(['a@x.io', 'b@x.io']);
    const badFallback = await h.run(flow({ timeZone: 'Nowhere' }, [{}]));
    expect(badFallback).toMatchObject({ status: 'failed', error: { code: 'SEND_WINDOW_BAD_TIME_ZONE' } });
  });

  it('rejects a window that closes before it opens', () => {
    expect(() => createHarness().compile(flow({ startHour: 11, endHour: 9 }, [{}]))).toThrow(/endHour must be after startHour/);
  });
});
