import { describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../../engine/registry.ts';
import { inspectDefinition } from './inspect-definition.ts';

const registry = createDefaultRegistry();
const rule = (label?: string) => ({ ...(label ? { label } : {}), conditions: [{ left: '{{ $json.x }}', operator: 'exists' }] });

describe('inspectDefinition', () => {
  it('gives no issues and every node its ports for a valid workflow', () => {
    const result = inspectDefinition(
      {
        schemaVersion: 1,
        nodes: [
          { id: 'start', type: 'core.manualTrigger', name: 'Start' },
          { id: 'route', type: 'core.switch', name: 'Route', params: { rules: [rule('Big'), rule(), rule()], fallback: 'output' } },
          { id: 'join', type: 'core.merge', name: 'Join', params: { inputs: 3 } },
          { id: 'safe', type: 'core.noOp', name: 'Safe', settings: { onError: 'error-output' } },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'route' },
          { id: 'e2', source: 'route', sourceOutput: '2', target: 'join', targetInput: 'input3' },
          { id: 'e3', source: 'join', target: 'safe' },
        ],
      },
      registry,
    );
    expect(result.issues).toEqual([]);
    expect(result.ports.route!.outputs).toEqual([
      { name: '0', label: 'Big' },
      { name: '1', label: 'Rule 1' },
      { name: '2', label: 'Rule 2' },
      { name: 'fallback', label: 'Fallback' },
    ]);
    expect(result.ports.join!.inputs.map((p) => p.name)).toEqual(['input1', 'input2', 'input3']);
    expect(result.ports.safe!.outputs.map((p) => p.name)).toEqual(['main', 'error']);
    expect(result.ports.start!.inputs).toEqual([]);
  });

  it('marks each node of a cycle, and unknown types and bad params at their field', () => {
    const { issues, ports } = inspectDefinition(
      {
        schemaVersion: 1,
        nodes: [
          { id: 'start', type: 'core.manualTrigger', name: 'Start' },
          { id: 'a', type: 'core.noOp', name: 'A' },
          { id: 'b', type: 'core.noOp', name: 'B' },
          { id: 'x', type: 'acme.mystery', name: 'X' },
          { id: 'w', type: 'core.wait', name: 'W', params: { amount: 'soon' } },
        ],
        edges: [
          { id: 'e1', source: 'start', target: 'a' },
          { id: 'e2', source: 'a', target: 'b' },
          { id: 'e3', source: 'b', target: 'a' },
          { id: 'e4', source: 'start', target: 'x' },
          { id: 'e5', source: 'start', target: 'w' },
        ],
      },
      registry,
    );
    expect(issues.filter((i) => i.code === 'CYCLE').map((i) => i.nodeId).sort()).toEqual(['a', 'b']);
    expect(issues).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_NODE_TYPE', nodeId: 'x', field: 'type' }));
    expect(issues.some((i) => i.code === 'INVALID_PARAMS' && i.nodeId === 'w' && i.field?.startsWith('params'))).toBe(true);
    expect(Object.keys(ports).sort()).toEqual(['a', 'b', 'start', 'w']);
  });

  it('turns garbage into issues without throwing', () => {
    for (const garbage of [null, 42, 'nodes', [], {}, { schemaVersion: 99, nodes: [] }, { schemaVersion: 1, nodes: [{ id: 5 }, 'x', null] }, { schemaVersion: 1, nodes: 'many' }]) {
      const result = inspectDefinition(garbage, registry);
      expect(result.issues.length, JSON.stringify(garbage)).toBeGreaterThan(0);
      for (const issue of result.issues) {
        expect(issue).toEqual({ nodeId: expect.toSatisfy((v) => v === null || typeof v === 'string'), field: expect.toSatisfy((v) => v === null || typeof v === 'string'), code: expect.any(String), message: expect.any(String) });
      }
    }
    // One malformed node does not take the other nodes' ports away.
    const partial = inspectDefinition({ schemaVersion: 1, nodes: [{ id: 'start', type: 'core.manualTrigger', name: 'Start' }, { id: 'bad', type: 'core.noOp', name: 'Bad', settings: { retries: -1 } }] }, registry);
    expect(partial.issues).toContainEqual(expect.objectContaining({ code: 'INVALID_DEFINITION', nodeId: 'bad' }));
    expect(Object.keys(partial.ports).sort()).toEqual(['bad', 'start']);
  });

  it('inspects 300 nodes well under 50 ms', () => {
    const nodes = [{ id: 'n0', type: 'core.manualTrigger', name: 'N0' }];
    const edges = [];
    for (let i = 1; i < 300; i++) {
      nodes.push(
        i % 3 === 0
          ? { id: `n${i}`, type: 'core.switch', name: `N${i}`, params: { rules: [rule(), rule()] } } as never
          : { id: `n${i}`, type: 'core.set', name: `N${i}`, params: { fields: [{ name: 'v', value: `{{ $json.v }}-${i}` }] } } as never,
      );
      edges.push({ id: `e${i}`, source: `n${i - 1}`, sourceOutput: (i - 1) % 3 === 0 && i > 1 ? '0' : 'main', target: `n${i}` });
    }
    const doc = { schemaVersion: 1, nodes, edges };
    inspectDefinition(doc, registry);
    const times: number[] = [];
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      const result = inspectDefinition(doc, registry);
      times.push(performance.now() - t0);
      expect(result.issues).toEqual([]);
      expect(Object.keys(result.ports)).toHaveLength(300);
    }
    expect(Math.min(...times)).toBeLessThan(50);
  });
});
