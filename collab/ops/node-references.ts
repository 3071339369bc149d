import * as Y from 'yjs';
import { CollabError } from '../errors.ts';
import { NodeField, nodeMapOf, nodesOf, paramsMapOf } from '../workflow-doc.ts';

/** `$node["Name"]` or `$node['Name']` in an expression; group 1 the quote, group 2 the (escaped) name. */
export const NODE_REFERENCE = /\$node\[(["'])((?:(?!\1)[^\\]|\\.)*)\1\]/g;

const unescape = (raw: string) => raw.replace(/\\(.)/g, '$1');
const escapeFor = (name: string, quote: string) => name.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`);

/** Rewrites `$node["Old"]` references in every string of `value` (all renames at once, so chains do not cascade). */
export function renameReferences(value: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    if (!value.includes('$node')) return value;
    return value.replace(NODE_REFERENCE, (match, quote: string, raw: string) => {
      const to = renames.get(unescape(raw));
      return to === undefined ? match : `$node[${quote}${escapeFor(to, quote)}${quote}]`;
    });
  }
  if (Array.isArray(value)) return value.map((v) => renameReferences(v, renames));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameReferences(v, renames)]));
  }
  return value;
}

/**
 * Renames a node and every `$node["Old name"]` that points at it, in one transaction (one undo
 * step). In shared texts only the name inside each reference is replaced, so someone typing
 * elsewhere in the same prompt keeps their edit.
 */
export function renameNodeWithReferences(doc: Y.Doc, nodeId: string, name: string, origin: unknown = null): void {
  if (!name) throw new CollabError('INVALID_NODE', 'A node name must not be empty', { nodeId, field: 'name' });
  const target = nodeMapOf(doc, nodeId);
  if (!target) throw new CollabError('UNKNOWN_NODE', `No node "${nodeId}"`, { nodeId });
  const old = target.get(NodeField.Name);
  doc.transact(() => {
    target.set(NodeField.Name, name);
    if (typeof old !== 'string' || old === name) return;
    const renames = new Map([[old, name]]);
    for (const node of nodesOf(doc).values()) {
      const params = node instanceof Y.Map ? paramsMapOf(node) : null;
      if (!params) continue;
      for (const [key, value] of params.entries()) {
        if (value instanceof Y.Text) {
          const text = value.toString();
          if (!text.includes('$node')) continue;
          const hits = [...text.matchAll(NODE_REFERENCE)].filter((m) => unescape(m[2]!) === old).reverse();
          for (const m of hits) {
            const start = m.index + '$node['.length + 1;
            value.delete(start, m[2]!.length);
            value.insert(start, escapeFor(name, m[1]!));
          }
        } else if (value !== null && typeof value === 'object') {
          const next = renameReferences(value, renames);
          if (JSON.stringify(next) !== JSON.stringify(value)) params.set(key, next);
        }
      }
    }
  }, origin);
}
