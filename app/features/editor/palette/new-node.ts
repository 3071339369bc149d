import type { NewNode } from '../../../../collab/index.ts';
import type { NodeTypeDescription } from '../../../../engine/registry.ts';
import { defaultParams } from '../canvas/default-params.ts';
import { uniqueName } from '../canvas/node-naming.ts';

type Position = { x: number; y: number };

/** A node of `description`'s type: fresh id, free name after the type's display name, schema defaults as params. */
export function newNodeOf(
  description: NodeTypeDescription,
  takenNames: ReadonlySet<string>,
  position: Position,
  id: string = crypto.randomUUID(),
): NewNode {
  return {
    id,
    type: description.type,
    typeVersion: description.version,
    name: uniqueName(description.displayName, takenNames),
    position: { x: Math.round(position.x), y: Math.round(position.y) },
    params: defaultParams(description.paramsJsonSchema),
  };
}

/**
 * The first spot at or below `position` where a card of `size` overlaps no other card (assumed
 * the same size), so a node added at the middle of the view never hides under another one.
 */
export function freeSpot(
  position: Position,
  occupied: readonly Position[],
  size: { width: number; height: number } = { width: 220, height: 64 },
  gap = 24,
): Position {
  const overlaps = (p: Position) =>
    occupied.some((o) => Math.abs(o.x - p.x) < size.width + gap && Math.abs(o.y - p.y) < size.height + gap);
  let candidate = position;
  for (let i = 0; i < 200 && overlaps(candidate); i++) candidate = { x: candidate.x, y: candidate.y + size.height + gap };
  return candidate;
}
