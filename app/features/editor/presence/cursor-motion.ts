import type { FlowPoint } from '../../../../collab/awareness.ts';

/**
 * Smooths peers' cursors between the ~30 updates a second they send: each drawn position eases
 * toward the latest reported one, frame-rate independently, in flow coordinates (so panning or
 * zooming one's own view moves cursors instantly, only the peer's own motion is eased).
 */

/** Time constant of the easing: about two thirds of the way to the target every 45 ms. */
export const CURSOR_EASE_MS = 45;
/** Closer than this (flow units), a cursor snaps to its target and stops animating. */
const SETTLE = 0.05;
/** Farther than this (flow units), a cursor jumps rather than flying across the canvas. */
const TELEPORT = 4000;

export function approach(from: number, to: number, dtMs: number, easeMs = CURSOR_EASE_MS): number {
  if (dtMs <= 0) return from;
  return from + (to - from) * (1 - Math.exp(-dtMs / easeMs));
}

interface Motion {
  x: number;
  y: number;
  target: FlowPoint;
}

export class CursorMotion {
  private readonly motions = new Map<number, Motion>();

  /** Sets where each cursor should go; new cursors appear at their target, gone ones are dropped. */
  setTargets(targets: ReadonlyMap<number, FlowPoint>): void {
    for (const id of this.motions.keys()) if (!targets.has(id)) this.motions.delete(id);
    for (const [id, target] of targets) {
      const motion = this.motions.get(id);
      if (!motion || Math.hypot(target.x - motion.x, target.y - motion.y) > TELEPORT) {
        this.motions.set(id, { x: target.x, y: target.y, target });
      } else {
        motion.target = target;
      }
    }
  }

  /** Advances every cursor by `dtMs`; returns whether any is still moving. */
  step(dtMs: number): boolean {
    let moving = false;
    for (const motion of this.motions.values()) {
      motion.x = approach(motion.x, motion.target.x, dtMs);
      motion.y = approach(motion.y, motion.target.y, dtMs);
      if (Math.abs(motion.target.x - motion.x) < SETTLE && Math.abs(motion.target.y - motion.y) < SETTLE) {
        motion.x = motion.target.x;
        motion.y = motion.target.y;
      } else {
        moving = true;
      }
    }
    return moving;
  }

  position(id: number): FlowPoint | undefined {
    const motion = this.motions.get(id);
    return motion ? { x: motion.x, y: motion.y } : undefined;
  }
}
