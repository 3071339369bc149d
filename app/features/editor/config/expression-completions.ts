import type { ExpressionLibraryEntry } from '../../../../engine/expressions/library.ts';
import { tokenize, type Token } from '../../../../engine/expressions/tokenizer.ts';

/**
 * Autocomplete inside `{{ }}`: what may follow the text before the caret. Field names come from
 * sample data (the last run's outputs), functions and methods from the engine's expression
 * library, node names from the nodes upstream. Pure, so it is tested without a browser.
 */

export interface CompletionData {
  /** JSON of the current item (the input of the node being edited), when a run produced it. */
  json: unknown;
  /** Nodes upstream of the edited one, nearest first, with their output's first item JSON. */
  nodes: readonly { name: string; json: unknown }[];
  library: readonly ExpressionLibraryEntry[];
}

export type CompletionKind = 'variable' | 'field' | 'node' | 'function' | 'method' | 'property' | 'constant' | 'namespace';

export interface Completion {
  label: string;
  /** Text that replaces the source from `from` to the caret. */
  apply: string;
  /** Caret position inside `apply` after inserting (default: its end). */
  caret?: number;
  /** Overrides the result's `from` (a bracketed key replaces the dot before it too). */
  from?: number;
  kind: CompletionKind;
  detail?: string;
  info?: string;
}

export interface CompletionResult {
  /** Offset in the expression source where the replaced text starts. */
  from: number;
  options: Completion[];
  /** Why the list is empty or short (e.g. no run yet). */
  hint?: string;
}

const MAX_OPTIONS = 80;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

type Step = { key: string | number } | { call: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value shaped like what `$node["X"]` gives at run time, built from a sample. */
function nodeAccessor(json: unknown) {
  return { json, __node: true };
}

function itemOf(json: unknown) {
  return { json };
}

function typeOf(value: unknown): ExpressionLibraryEntry['on'] | undefined {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'array';
  if (isObject(value)) return 'object';
  return undefined;
}

function withParens(name: string, signature: string): { apply: string; caret: number } {
  const takesArgs = !/\(\s*\)/.test(signature);
  const apply = `${name}()`;
  return { apply, caret: takesArgs ? apply.length - 1 : apply.length };
}

function fromLibrary(entry: ExpressionLibraryEntry, shownName: string): Completion {
  const callable = entry.kind === 'function' || entry.kind === 'method';
  const { apply, caret } = callable ? withParens(shownName, entry.signature) : { apply: shownName, caret: shownName.length };
  return { label: shownName, apply, caret, kind: entry.kind, detail: entry.signature, info: entry.doc };
}

function matches(label: string, partial: string): boolean {
  return partial === '' || label.toLowerCase().startsWith(partial.toLowerCase());
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array (${value.length})`;
  if (isObject(value)) return 'object';
  if (typeof value === 'string') return value.length > 40 ? `"${value.slice(0, 40)}…"` : JSON.stringify(value);
  return String(value);
}

/** Reads the path the chain walks through the sample data; undefined when it leaves the data. */
function resolveChain(root: string, steps: Step[], data: CompletionData): { value: unknown; known: boolean; namespace?: string } {
  let value: unknown;
  let rest = steps;
  switch (root) {
    case '$json':
      value = data.json;
      break;
    case '$item':
      value = itemOf(data.json);
      break;
    case '$input': {
      const [first, second] = steps;
      if (first && 'key' in first && first.key === 'item') [value, rest] = [itemOf(data.json), steps.slice(1)];
      else if (first && 'key' in first && (first.key === 'first' || first.key === 'all') && second && 'call' in second) {
        [value, rest] = [first.key === 'first' ? itemOf(data.json) : [itemOf(data.json)], steps.slice(2)];
      } else return { value: undefined, known: steps.length === 0, namespace: steps.length === 0 ? root : undefined };
      break;
    }
    case '$node': {
      const [first] = steps;
      if (!first || !('key' in first)) return { value: undefined, known: false };
      const node = data.nodes.find((n) => n.name === first.key);
      if (!node) return { value: undefined, known: false };
      value = nodeAccessor(node.json);
      rest = steps.slice(1);
      break;
    }
    default:
      return { value: undefined, known: steps.length === 0, namespace: steps.length === 0 ? root : undefined };
  }
  for (let i = 0; i < rest.length; i++) {
    const step = rest[i]!;
    if (value === undefined || value === null) return { value: undefined, known: false };
    if (isObject(value) && value.__node === true) {
      // $node["X"].json / .first() / .all() / .item(i)
      if ('key' in step && step.key === 'json') value = value.json;
      else if ('key' in step && (step.key === 'first' || step.key === 'item' || step.key === 'all') && rest[i + 1] && 'call' in rest[i + 1]!) {
        value = step.key === 'all' ? [itemOf(value.json)] : itemOf(value.json);
        i++;
      } else return { value: undefined, known: false };
      continue;
    }
    if ('call' in step) return { value: undefined, known: false };
    if (Array.isArray(value)) value = typeof step.key === 'number' ? value[step.key] : step.key === 'length' ? value.length : undefined;
    else if (isObject(value)) value = Object.hasOwn(value, String(step.key)) ? value[String(step.key)] : undefined;
    else if (typeof value === 'string' && step.key === 'length') value = value.length;
    else value = undefined;
  }
  return { value, known: value !== undefined };
}

/** Parses `a.b["c"][0].d()` backwards from the end of the token list; null when it is not a chain. */
function chainBefore(tokens: Token[], end: number): { root: string; steps: Step[] } | null {
  const steps: Step[] = [];
  let i = end;
  for (;;) {
    const token = tokens[i];
    if (!token) return null;
    if (token.type === 'name') {
      const before = tokens[i - 1];
      if (before?.type === 'punc' && (before.value === '.' || before.value === '?.')) {
        steps.unshift({ key: token.value });
        i -= 2;
        continue;
      }
      return { root: token.value, steps };
    }
    if (token.type === 'punc' && token.value === ']') {
      const inner = tokens[i - 1];
      const open = tokens[i - 2];
      if (!inner || open?.type !== 'punc' || open.value !== '[' || (inner.type !== 'str' && inner.type !== 'num')) return null;
      steps.unshift({ key: inner.value });
      i -= 3;
      if (tokens[i]?.type === 'punc' && (tokens[i] as { value: string }).value === '?.') i--;
      continue;
    }
    if (token.type === 'punc' && token.value === ')') {
      // Skip a call's arguments (balanced).
      let depth = 0;
      let j = i;
      for (; j >= 0; j--) {
        const t = tokens[j]!;
        if (t.type === 'punc' && t.value === ')') depth++;
        else if (t.type === 'punc' && t.value === '(') depth--;
        if (depth === 0) break;
      }
      if (j < 0) return null;
      const callee = tokens[j - 1];
      if (callee?.type !== 'name') return null;
      steps.unshift({ call: callee.value });
      i = j - 1;
      // The callee name is also a step of the chain (handled by the name branch).
      continue;
    }
    return null;
  }
}

function topLevel(partial: string, data: CompletionData): Completion[] {
  const out: Completion[] = [];
  for (const entry of data.library) {
    if (entry.on || entry.name.includes('.')) continue;
    if (matches(entry.name, partial)) out.push(fromLibrary(entry, entry.name));
  }
  for (const node of data.nodes) {
    const apply = `$node[${JSON.stringify(node.name)}]`;
    if (matches(apply, partial) || (partial.length > 0 && matches(node.name, partial))) {
      out.push({ label: apply, apply, kind: 'node', detail: 'Output of an earlier node' });
    }
  }
  // Scope variables first ($json leads, as in the library), then node references, then the rest.
  return out.sort((a, b) => rank(a) - rank(b));
}

const rank = (c: Completion) => (c.kind === 'variable' ? 0 : c.kind === 'node' ? 1 : c.kind === 'namespace' ? 2 : 3);

function membersOf(value: unknown, partial: string, data: CompletionData, dotAt: number): Completion[] {
  const out: Completion[] = [];
  if (isObject(value) && value.__node === true) {
    const shapes: Completion[] = [
      { label: 'json', apply: 'json', kind: 'property', detail: 'First output item’s JSON' },
      { label: 'first()', apply: 'first()', kind: 'function', detail: 'first(): { json }' },
      { label: 'all()', apply: 'all()', kind: 'function', detail: 'all(): { json }[]' },
      { label: 'item()', apply: 'item()', caret: 5, kind: 'function', detail: 'item(index: number): { json }' },
    ];
    return shapes.filter((c) => matches(c.label, partial));
  }
  if (isObject(value)) {
    for (const [key, field] of Object.entries(value)) {
      if (!matches(key, partial)) continue;
      // Keys that are not identifiers need brackets, replacing the dot too.
      out.push(
        IDENTIFIER.test(key)
          ? { label: key, apply: key, kind: 'field', detail: describeValue(field) }
          : { label: key, apply: `[${JSON.stringify(key)}]`, kind: 'field', detail: describeValue(field), from: dotAt },
      );
    }
  }
  const on = typeOf(value);
  if (on) {
    for (const entry of data.library) {
      if (entry.on === on && matches(entry.name, partial)) out.push(fromLibrary(entry, entry.name));
    }
  }
  return out;
}

/**
 * Completions for an expression source cut at the caret (the text between `{{` and the caret).
 * Null when nothing sensible can follow (inside a string literal, after a number…).
 */
export function completeExpression(source: string, data: CompletionData): CompletionResult | null {
  // `$node["Fe` — pick an upstream node by name.
  const nodeRef = /\$node\[\s*(?:(["'])([^"'\]]*))?$/.exec(source);
  if (nodeRef) {
    const typed = nodeRef[2] ?? '';
    const options = data.nodes
      .filter((n) => n.name.toLowerCase().includes(typed.toLowerCase()))
      .map((n): Completion => {
        const apply = `$node[${JSON.stringify(n.name)}]`;
        return { label: n.name, apply, kind: 'node', detail: `$node[${JSON.stringify(n.name)}]` };
      });
    return { from: nodeRef.index, options, ...(data.nodes.length === 0 ? { hint: 'No nodes before this one' } : {}) };
  }

  let tokens: Token[];
  try {
    tokens = tokenize(source, 0, 'eof').tokens;
  } catch {
    return null; // Inside an unfinished string or template: nothing to offer.
  }
  tokens = tokens.filter((t) => t.type !== 'eof');
  const last = tokens[tokens.length - 1];
  let partial = '';
  let partialFrom = source.length;
  let end = tokens.length - 1;
  if (last?.type === 'name' && last.end === source.length) {
    partial = last.value;
    partialFrom = last.pos;
    end--;
  }
  const dot = tokens[end];
  const afterDot = dot?.type === 'punc' && (dot.value === '.' || dot.value === '?.') && (partial !== '' || dot.end === source.length || /^\s*$/.test(source.slice(dot.end)));
  if (!afterDot) {
    // Start of a term: variables, functions, namespaces, node references.
    if (last && last.end === source.length && last.type !== 'name' && last.type !== 'punc') return null;
    return { from: partialFrom, options: topLevel(partial, data).slice(0, MAX_OPTIONS) };
  }
  const chain = chainBefore(tokens, end - 1);
  if (!chain) return null;
  const { value, known, namespace } = resolveChain(chain.root, chain.steps, data);
  const options: Completion[] = [];
  if (namespace) {
    const prefix = `${namespace}.`;
    for (const entry of data.library) {
      if (!entry.on && entry.name.startsWith(prefix) && matches(entry.name.slice(prefix.length), partial)) {
        options.push(fromLibrary(entry, entry.name.slice(prefix.length)));
      }
    }
  }
  if (known) options.push(...membersOf(value, partial, data, dot.pos));
  const result: CompletionResult = { from: partialFrom, options: options.slice(0, MAX_OPTIONS) };
  if (options.length === 0 && !known && (chain.root === '$json' || chain.root === '$node' || chain.root === '$item' || chain.root === '$input')) {
    result.hint = data.json === undefined && chain.root !== '$node' ? 'Run the workflow once to see the fields of the data' : 'No such field in the last run’s data';
  }
  return result;
}

/** The start offset of a completion: its own (bracketed keys replace the dot) or the result's. */
export function completionFrom(result: CompletionResult, completion: Completion): number {
  return completion.from ?? result.from;
}
