import * as Y from 'yjs';
import { CollabError } from '../errors.ts';
import { createParamsMap, fromParamValue, NodeField, nodeMapOf, paramsMapOf, toParamValue, type NodeMap, type ParamsMap } from '../workflow-doc.ts';

function requireParams(doc: Y.Doc, nodeId: string): { node: NodeMap; params: ParamsMap | null } {
  const node = nodeMapOf(doc, nodeId);
  if (!node) throw new CollabError('UNKNOWN_NODE', `No node "${nodeId}"`, { nodeId });
  return { node, params: paramsMapOf(node) };
}

/**
 * Replaces a param's whole value (a dropdown choice, a pasted value). Strings get a new Y.Text,
 * so two people picking different values at once end with one of them, never a mix of both;
 * character-level co-typing goes through `editParamText`.
 */
export function setParam(doc: Y.Doc, nodeId: string, key: string, value: unknown, origin: unknown = null): void {
  if (value === undefined) return void removeParam(doc, nodeId, key, origin);
  const { node, params } = requireParams(doc, nodeId);
  doc.transact(() => {
    if (params) params.set(key, toParamValue(value));
    else node.set(NodeField.Params, createParamsMap({ [key]: value }));
  }, origin);
}

export function removeParam(doc: Y.Doc, nodeId: string, key: string, origin: unknown = null): void {
  const { params } = requireParams(doc, nodeId);
  if (!params?.has(key)) return;
  doc.transact(() => params.delete(key), origin);
}

export type TextEdit = { index: number; deleteCount?: number; insert?: string };

/**
 * Edits a string param in place (typing in a prompt or a script): concurrent edits by several
 * people merge character by character. A param that is not text yet becomes text.
 */
export function editParamText(doc: Y.Doc, nodeId: string, key: string, edit: TextEdit, origin: unknown = null): void {
  doc.transact(() => {
    const text = paramText(doc, nodeId, key, { create: true, origin })!;
    const index = Math.max(0, Math.min(edit.index, text.length));
    const deleteCount = Math.max(0, Math.min(edit.deleteCount ?? 0, text.length - index));
    if (deleteCount > 0) text.delete(index, deleteCount);
    if (edit.insert) text.insert(index, edit.insert);
  }, origin);
}

/**
 * The Y.Text behind a string param, for binding a text editor (CodeMirror, a textarea).
 * With `create`, a missing or non-text param is replaced by an empty text first.
 */
export function paramText(doc: Y.Doc, nodeId: string, key: string, opts: { create?: boolean; origin?: unknown } = {}): Y.Text | null {
  const { node, params } = requireParams(doc, nodeId);
  const current = params?.get(key);
  if (current instanceof Y.Text) return current;
  if (!opts.create) return null;
  const text = new Y.Text(typeof current === 'string' ? current : '');
  doc.transact(() => {
    if (params) params.set(key, text);
    else {
      const fresh = new Y.Map<unknown>();
      fresh.set(key, text);
      node.set(NodeField.Params, fresh);
    }
  }, opts.origin ?? null);
  return text;
}

/** The param as plain data (text as a string), or undefined. */
export function getParam(doc: Y.Doc, nodeId: string, key: string): unknown {
  const { params } = requireParams(doc, nodeId);
  return fromParamValue(params?.get(key));
}
