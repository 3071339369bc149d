import { compile } from '../../engine/compile.ts';
import { ERROR_PORT } from '../../engine/definition.ts';
import { resolvePorts, type PortDef } from '../../engine/node-api.ts';
import type { NodeRegistry } from '../../engine/registry.ts';

export type InspectIssue = { nodeId: string | null; field: string | null; code: string; message: string };
export type InspectPort = { name: string; label?: string };
export type NodePorts = { inputs: InspectPort[]; outputs: InspectPort[] };
export type InspectResult = { issues: InspectIssue[]; ports: Record<string, NodePorts> };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const portsOf = (ports: readonly PortDef[]): InspectPort[] => ports.map((p) => (p.label === undefined ? { name: p.name } : { name: p.name, label: p.label }));

/**
 * Ports of every node whose type is known, read straight from the raw document so that one
 * malformed node elsewhere does not make every edge lose its handles while the user types.
 */
function portsByNode(definition: unknown, registry: NodeRegistry): Record<string, NodePorts> {
  // A Map, then fromEntries: a node id like "__proto__" stays an ordinary key.
  const ports = new Map<string, NodePorts>();
  if (!isRecord(definition) || !Array.isArray(definition.nodes)) return {};
  for (const node of definition.nodes as unknown[]) {
    if (!isRecord(node) || typeof node.id !== 'string' || typeof node.type !== 'string' || ports.has(node.id)) continue;
    const def = registry.get(node.type, typeof node.typeVersion === 'number' ? node.typeVersion : 1);
    if (!def) continue;
    const params = isRecord(node.params) ? node.params : {};
    const outputs = portsOf(resolvePorts(def.outputs, params));
    if (isRecord(node.settings) && node.settings.onError === 'error-output') outputs.push({ name: ERROR_PORT, label: 'Error' });
    ports.set(node.id, { inputs: portsOf(resolvePorts(def.inputs, params)), outputs });
  }
  return Object.fromEntries(ports);
}

/**
 * What the editor shows while a workflow is being edited: the compiler's problems, each at its
 * node and field (a cycle marks each of its nodes), and the ports each node has right now
 * (Switch outputs follow its rules). Never throws: anything unreadable becomes issues.
 */
export function inspectDefinition(definition: unknown, registry: NodeRegistry): InspectResult {
  const issues: InspectIssue[] = [];
  let ports: Record<string, NodePorts> = {};
  try {
    ports = portsByNode(definition, registry);
  } catch {
    // Ports are a convenience; the compiler below reports what is wrong with the document.
  }
  const compiled = compile(definition, registry);
  if (!compiled.ok) {
    for (const e of compiled.errors) {
      const field = e.field ?? null;
      const nodeIds = e.code === 'CYCLE' && e.nodeIds?.length ? e.nodeIds : [e.nodeId ?? null];
      for (const nodeId of nodeIds) issues.push({ nodeId, field, code: e.code, message: e.message });
    }
  }
  return { issues, ports };
}
