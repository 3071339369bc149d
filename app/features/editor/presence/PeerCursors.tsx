'use client';

import { useStoreApi } from '@xyflow/react';
import { memo, useLayoutEffect, useRef } from 'react';
import { CursorMotion } from './cursor-motion.ts';
import type { PeerCursor } from './peers.ts';
import { readableTextOn } from './readable-text.ts';
import { usePresence } from './use-presence.ts';

/**
 * Peers' pointers over the canvas: an arrow in their colour with their name. Positions come
 * in flow coordinates and are placed through this user's viewport on every frame, written to
 * the DOM directly (no React render per frame); the layer never takes pointer events.
 */
export function PeerCursors() {
  const cursors = usePresence('cursors');
  const storeApi = useStoreApi();
  const elements = useRef(new Map<number, HTMLDivElement>());
  const motion = useRef<CursorMotion>(null);
  const frame = useRef<{ request(): void } | null>(null);

  // A layout effect, declared first: the frame loop exists before the targets below are set.
  useLayoutEffect(() => {
    const m = (motion.current ??= new CursorMotion());
    let raf = 0;
    let last = 0;
    const draw = () => {
      const [tx, ty, zoom] = storeApi.getState().transform;
      for (const [id, el] of elements.current) {
        const p = m.position(id);
        if (p) el.style.transform = `translate3d(${p.x * zoom + tx}px, ${p.y * zoom + ty}px, 0)`;
      }
    };
    const tick = (time: number) => {
      raf = 0;
      const moving = m.step(last ? Math.min(time - last, 100) : 16);
      last = time;
      draw();
      if (moving) raf = requestAnimationFrame(tick);
      else last = 0;
    };
    frame.current = {
      request() {
        draw();
        if (!raf) raf = requestAnimationFrame(tick);
      },
    };
    const unsubscribe = storeApi.subscribe((state, prev) => {
      if (state.transform !== prev.transform) draw();
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(raf);
      frame.current = null;
    };
  }, [storeApi]);

  // Before paint, so a cursor that appears is drawn at its place, not at the corner.
  useLayoutEffect(() => {
    const m = (motion.current ??= new CursorMotion());
    m.setTargets(new Map(cursors.map((c) => [c.clientId, { x: c.x, y: c.y }])));
    frame.current?.request();
  }, [cursors]);

  return (
    <div className="pointer-events-none absolute inset-0 z-[6] overflow-hidden" aria-hidden data-testid="peer-cursors">
      {cursors.map((cursor) => (
        <CursorMark
          key={cursor.clientId}
          cursor={cursor}
          register={(el) => {
            if (el) elements.current.set(cursor.clientId, el);
            else elements.current.delete(cursor.clientId);
          }}
        />
      ))}
    </div>
  );
}

type MarkProps = { cursor: PeerCursor; register: (el: HTMLDivElement | null) => void };

const CursorMark = memo(
  function CursorMark({ cursor, register }: MarkProps) {
    return (
      <div
        ref={register}
        className="absolute top-0 left-0 will-change-transform"
        // Hidden until the first frame places it.
        style={{ transform: 'translate3d(-9999px, -9999px, 0)' }}
        data-testid={`peer-cursor-${cursor.userId}`}
        data-client-id={cursor.clientId}
      >
        <svg width="18" height="22" viewBox="0 0 18 22" className="block drop-shadow-[0_1px_1.5px_rgb(0_0_0/0.3)]">
          <path d="M1.5 1.5v16.2l4.6-4.3 2.9 6.9 3-1.3-2.9-6.8h6.4z" fill={cursor.color} stroke="#fff" strokeWidth="1.5" strokeLinejoin="round" />
        </svg>
        <span
          className="absolute top-[18px] left-[12px] max-w-40 truncate rounded-[5px] px-1.5 py-0.5 text-[11px] leading-4 font-medium whitespace-nowrap shadow-sm"
          style={{ background: cursor.color, color: readableTextOn(cursor.color) }}
        >
          {cursor.name}
        </span>
      </div>
    );
  },
  // Position changes are drawn by the frame loop; re-render only for who it is.
  (a, b) => a.cursor.clientId === b.cursor.clientId && a.cursor.name === b.cursor.name && a.cursor.color === b.cursor.color && a.cursor.userId === b.cursor.userId,
);
