import type { WorkflowDefinitionInput } from '../../engine/definition.ts';

/**
 * A manual trigger feeding `count - 1` Set nodes laid out in rows of 15, each row a chain, every
 * row fanning out from the trigger: realistic card density, many edges, valid for the compiler.
 */
export function bigWorkflow(count: number): WorkflowDefinitionInput {
  const perRow = 15;
  const nodes: WorkflowDefinitionInput['nodes'] = [{ id: 'n0', type: 'core.manualTrigger', name: 'Start', position: { x: 0, y: 0 }, params: {} }];
  const edges: WorkflowDefinitionInput['edges'] = [];
  for (let i = 1; i < count; i++) {
    const row = Math.floor((i - 1) / perRow);
    const col = (i - 1) % perRow;
    nodes.push({
      id: `n${i}`,
      type: 'core.set',
      name: `Step ${i}`,
      position: { x: 280 + col * 260, y: row * 140 },
      params: { fields: [{ name: `f${i}`, value: `{{ $json.v }}-${i}` }] },
    });
    edges.push({ id: `e${i}`, source: col === 0 ? 'n0' : `n${i - 1}`, target: `n${i}` });
  }
  return { schemaVersion: 1, nodes, edges };
}
