import type { NodeRunState } from '../editor-store.ts';
import { formatDuration as formatRunDuration } from '../runs/run-format.ts';

/** "840 ms", "1.2 s", "3 m 05 s" (the run panels' format); nothing for an unknown duration on a card. */
export const formatDuration = (ms: number): string => formatRunDuration(ms, '');

export const itemsLabel = (n: number): string => `${n} ${n === 1 ? 'item' : 'items'}`;

/** States in which a node is working right now (spinner, animated outgoing edges). */
export const isActive = (status: NodeRunState | undefined): boolean => status === 'running' || status === 'retrying';
