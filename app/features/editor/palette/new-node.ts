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
 * The first spot at or below `position` that no node's top-left is within `radius` of, so
 * clicking the same palette item twice stacks the new nodes instead of hiding one under the other.
 */
export function freeSpot(position: Position, occupied: readonly Position[], step = 96, radius = 24): Position {
  let candidate = position;
  for (let i = 0; i < 50; i++) {
    const clash = occupied.some((p) => Math.abs(p.x - candidate.x) < radius && Math.abs(p.y - candidate.y) < radius);
    if (!clash) return candidate;
    candidate = { x: candidate.x + step / 4, y: candidate.y + step };
  }
  return candidate;
}
