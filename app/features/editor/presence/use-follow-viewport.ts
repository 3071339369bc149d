import { useReactFlow, useStore, useStoreApi, type Viewport } from '@xyflow/react';
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { useEditorSession, useEditorStore } from '../session/editor-session.ts';
import { pickFollowTarget } from './peers.ts';
import { presenceStoreFor } from './presence-store.ts';

/** Easing into the followed view when following starts, then per streamed update. */
const JOIN_MS = 350;
const STEP_MS = 120;
/** A followed user may vanish briefly (reconnect, tab reload) before following stops. */
const GONE_GRACE_MS = 3_000;
/** A view change this soon after a wheel, key or control click is the user's own. */
const INPUT_WINDOW_MS = 400;
/** Keys that zoom or fit the canvas (see canvas/shortcuts.ts); others (copy, delete) do not end following. */
const VIEW_KEYS = new Set(['+', '-', '=', '_', '0', '1', '!', 'f']);

const sameViewport = (a: Viewport, b: Viewport | null) => !!b && a.x === b.x && a.y === b.y && a.zoom === b.zoom;

function isEditable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/**
 * While this user follows someone, mirrors that person's viewport (their most active tab)
 * with a short ease. Following ends when this user pans or zooms by hand (drag, wheel, zoom
 * keys, the zoom controls or minimap), presses Escape, or when the person has been gone for
 * a few seconds.
 */
export function useFollowViewport(): void {
  const { store } = useEditorSession();
  const followingUserId = useEditorStore((s) => s.followingUserId);
  const { present, viewport } = useFollowTarget(followingUserId);
  const { setViewport } = useReactFlow();
  const storeApi = useStoreApi();
  const domNode = useStore((s) => s.domNode);
  const applied = useRef<{ userId: string; viewport: Viewport } | null>(null);

  useEffect(() => {
    if (!followingUserId) applied.current = null;
    if (!followingUserId || !viewport) return;
    const before = applied.current?.userId === followingUserId ? applied.current.viewport : null;
    if (sameViewport(viewport, before)) return;
    applied.current = { userId: followingUserId, viewport };
    void setViewport(viewport, { duration: before ? STEP_MS : JOIN_MS });
  }, [followingUserId, viewport, setViewport]);

  useEffect(() => {
    if (!followingUserId || present) return;
    const timer = setTimeout(() => {
      if (store.getState().followingUserId === followingUserId) store.getState().follow(null);
    }, GONE_GRACE_MS);
    return () => clearTimeout(timer);
  }, [followingUserId, present, store]);

  useEffect(() => {
    if (!followingUserId || !domNode) return;
    let inputAt = -Infinity;
    const stop = () => {
      if (store.getState().followingUserId === followingUserId) store.getState().follow(null);
    };
    const mark = () => {
      inputAt = performance.now();
    };
    const onControl = (event: Event) => {
      if (event.target instanceof Element && event.target.closest('.react-flow__panel')) mark();
    };
    const onKey = (event: KeyboardEvent) => {
      if (isEditable(event.target)) return;
      if (event.key === 'Escape') stop();
      else if (VIEW_KEYS.has(event.key.toLowerCase())) mark();
    };
    const unsubscribe = storeApi.subscribe((state, prev) => {
      if (state.transform === prev.transform) return;
      if (state.paneDragging || performance.now() - inputAt < INPUT_WINDOW_MS) stop();
    });
    domNode.addEventListener('wheel', mark, { capture: true, passive: true });
    domNode.addEventListener('dblclick', mark, true);
    domNode.addEventListener('pointerdown', onControl, true);
    domNode.addEventListener('click', onControl, true);
    window.addEventListener('keydown', onKey, true);
    return () => {
      unsubscribe();
      domNode.removeEventListener('wheel', mark, { capture: true });
      domNode.removeEventListener('dblclick', mark, true);
      domNode.removeEventListener('pointerdown', onControl, true);
      domNode.removeEventListener('click', onControl, true);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [followingUserId, domNode, storeApi, store]);
}

type FollowTarget = { present: boolean; viewport: Viewport | null };
const NO_TARGET: FollowTarget = { present: false, viewport: null };

/**
 * Whether the followed person is here and their viewport, as one value that changes only when
 * those do (not with every cursor move), so following re-renders nothing while they sit still.
 */
function useFollowTarget(userId: string | null): FollowTarget {
  const { awareness, self } = useEditorSession();
  const store = presenceStoreFor(awareness, self.id);
  const getSnapshot = useMemo(() => {
    let last = NO_TARGET;
    return () => {
      const target = userId ? pickFollowTarget(store.getSnapshot().peers, userId) : null;
      const viewport = target?.state.viewport ?? null;
      const next = { present: target !== null, viewport };
      const same = next.present === last.present && (viewport === last.viewport || (!!viewport && sameViewport(viewport, last.viewport)));
      if (!same) last = next;
      return last;
    };
  }, [store, userId]);
  return useSyncExternalStore(store.subscribe, getSnapshot, () => NO_TARGET);
}
