import { parseDefinition, type WorkflowDefinition } from '../../engine/definition.ts';

/** A chain of `size` nodes (a trigger, then code and HTTP nodes with realistic params). */
export function benchDefinition(size: number): WorkflowDefinition {
  const nodes = Array.from({ length: size }, (_, i) => {
    const id = `n${i}`;
    if (i === 0) return { id, type: 'core.manualTrigger', name: 'Start', position: { x: 0, y: 0 } };
    const position = { x: (i % 40) * 260, y: Math.floor(i / 40) * 180 };
    return i % 2
      ? { id, type: 'core.code', name: `Code ${i}`, position, params: { code: `// step ${i}\nreturn items.map((item) => ({ ...item, step: ${i} }));` } }
      : { id, type: 'core.httpRequest', name: `Fetch ${i}`, position, params: { url: `https://api.example.com/items/${i}`, method: 'GET' } };
  });
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: n.id }));
  const parsed = parseDefinition({ schemaVersion: 1, nodes, edges });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.definition;
}
