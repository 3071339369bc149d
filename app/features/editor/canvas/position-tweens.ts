type Position = { x: number; y: number };

type Tween = { from: Position; to: Position; start: number };

export const TWEEN_MS = 90;

/**
 * Glides nodes moved by someone else to their new position over a few frames. Peers' drags
 * reach us at ~30 Hz; drawing each step as it arrives looks jerky, gliding looks like a drag.
 * Each frame hands the current positions of the gliding nodes to `apply`.
 */
export class PositionTweens {
  private readonly tweens = new Map<string, Tween>();
  private frame: number | null = null;

  constructor(
    private readonly apply: (positions: ReadonlyMap<string, Position>) => void,
    private readonly now: () => number = () => performance.now(),
    private readonly schedule: (fn: () => void) => number = (fn) => requestAnimationFrame(fn),
    private readonly unschedule: (handle: number) => void = (h) => cancelAnimationFrame(h),
  ) {}

  has(id: string): boolean {
    return this.tweens.has(id);
  }

  /** Starts a glide, or retargets a running one from where it is now. */
  start(id: string, from: Position, to: Position): void {
    this.tweens.set(id, { from, to, start: this.now() });
    this.frame ??= this.schedule(this.tick);
  }

  cancel(id: string): void {
    this.tweens.delete(id);
  }

  stop(): void {
    this.tweens.clear();
    if (this.frame !== null) this.unschedule(this.frame);
    this.frame = null;
  }

  /** Positions at time `t` for every running tween; finished ones are dropped. */
  positionsAt(t: number): Map<string, Position> {
    const out = new Map<string, Position>();
    for (const [id, tween] of this.tweens) {
      const k = Math.min(1, Math.max(0, (t - tween.start) / TWEEN_MS));
      const eased = 1 - (1 - k) * (1 - k);
      out.set(id, {
        x: tween.from.x + (tween.to.x - tween.from.x) * eased,
        y: tween.from.y + (tween.to.y - tween.from.y) * eased,
      });
      if (k >= 1) this.tweens.delete(id);
    }
    return out;
  }

  private readonly tick = () => {
    this.frame = null;
    const positions = this.positionsAt(this.now());
    if (positions.size > 0) this.apply(positions);
    if (this.tweens.size > 0) this.frame = this.schedule(this.tick);
  };
}
