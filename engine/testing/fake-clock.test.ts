import { describe, expect, it } from 'vitest';
import { drive, FakeClock } from './fake-clock.ts';

describe('FakeClock', () => {
  it('fires sleeps in time order as time advances', async () => {
    const clock = new FakeClock(1000);
    const fired: string[] = [];
    void clock.sleep(300).then(() => fired.push(`b@${clock.now()}`));
    void clock.sleep(100).then(() => fired.push(`a@${clock.now()}`));
    await clock.advance(99);
    expect(fired).toEqual([]);
    await clock.advance(150);
    expect(fired).toEqual(['a@1100']);
    expect(clock.now()).toBe(1249);
    await clock.advance(51);
    expect(fired).toEqual(['a@1100', 'b@1300']);
    expect(clock.sleeps).toEqual([
      { at: 1000, ms: 300 },
      { at: 1000, ms: 100 },
    ]);
  });

  it('rejects and forgets a sleep whose signal aborts', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(1000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(clock.pending).toBe(0);
  });

  it('drives chained sleeps to completion; autoAdvance does it without help', async () => {
    const clock = new FakeClock(0);
    const chain = async () => {
      await clock.sleep(10);
      await clock.sleep(20);
      return clock.now();
    };
    expect(await drive(clock, chain())).toBe(30);
    const auto = new FakeClock(0, { autoAdvance: true });
    await auto.sleep(500);
    expect(auto.now()).toBe(500);
  });
});
