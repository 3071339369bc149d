import { ARRAY_METHODS } from './methods/array-methods.ts';
import { STRING_METHODS } from './methods/string-methods.ts';
import { BOOLEAN_METHODS, DATE_METHODS, NUMBER_METHODS, OBJECT_METHODS, REGEXP_METHODS } from './methods/value-methods.ts';
import type { MemberSpec } from './stdlib/define.ts';
import { STDLIB_SPECS } from './stdlib.ts';
import type { MethodSpec } from './values.ts';

/** One name the editor's autocomplete can offer inside `{{ }}`. */
export interface ExpressionLibraryEntry {
  /** `$json`, `Math.round`, `$date.format`, or a method/property name such as `toUpperCase`. */
  readonly name: string;
  readonly kind: 'variable' | 'namespace' | 'function' | 'constant' | 'method' | 'property';
  /** For methods and properties: the type of value they belong to. */
  readonly on?: 'string' | 'number' | 'boolean' | 'array' | 'object' | 'date' | 'regexp';
  readonly signature: string;
  readonly doc: string;
}

/** Variables the executor puts in the scope of every expression. */
const SCOPE_VARIABLES: ExpressionLibraryEntry[] = [
  { name: '$json', kind: 'variable', signature: '$json: object', doc: "The current item's JSON data, e.g. $json.email." },
  { name: '$item', kind: 'variable', signature: '$item: { json: object }', doc: 'The current item.' },
  { name: '$index', kind: 'variable', signature: '$index: number', doc: 'Position of the current item in the input (0-based).' },
  { name: '$input', kind: 'variable', signature: '$input: { all(), first(), item }', doc: "This node's input items." },
  { name: '$input.all', kind: 'function', signature: '$input.all(): { json: object }[]', doc: 'All input items.' },
  { name: '$input.first', kind: 'function', signature: '$input.first(): { json: object }', doc: 'The first input item.' },
  { name: '$input.item', kind: 'property', signature: '$input.item: { json: object }', doc: 'The current input item.' },
  { name: '$node', kind: 'variable', signature: '$node[name]: { json, all(), first(), item(i) }', doc: 'Output of an earlier node by name, e.g. $node["Fetch"].json.id or $node["Fetch"].all().length.' },
  { name: '$run', kind: 'variable', signature: '$run: object', doc: 'The current run (id, mode, start time…).' },
  { name: '$workflow', kind: 'variable', signature: '$workflow: object', doc: 'The workflow (id, name…).' },
  { name: '$now', kind: 'variable', signature: '$now: Date | number', doc: 'The time the run (or item) started; use it with $date helpers.' },
];

function memberEntries(prefix: string, members: Readonly<Record<string, MemberSpec>>): ExpressionLibraryEntry[] {
  return Object.entries(members).map(([key, spec]) =>
    spec.kind === 'constant'
      ? { name: `${prefix}.${key}`, kind: 'constant', signature: `${prefix}.${key}: number`, doc: spec.doc }
      : { name: `${prefix}.${key}`, kind: 'function', signature: spec.signature, doc: spec.doc },
  );
}

function globalEntries(): ExpressionLibraryEntry[] {
  return Object.entries(STDLIB_SPECS).flatMap(([name, spec]) =>
    spec.kind === 'namespace'
      ? [{ name, kind: 'namespace' as const, signature: name, doc: spec.doc }, ...memberEntries(name, spec.members)]
      : [{ name, kind: 'function' as const, signature: spec.signature, doc: spec.doc }, ...memberEntries(name, spec.members ?? {})],
  );
}

function methodEntries(on: NonNullable<ExpressionLibraryEntry['on']>, methods: ReadonlyMap<string, MethodSpec<never>>): ExpressionLibraryEntry[] {
  return [...methods].map(([name, spec]) => ({ name, kind: 'method' as const, on, signature: spec.signature, doc: spec.doc }));
}

const PROPERTIES: ExpressionLibraryEntry[] = [
  { name: 'length', kind: 'property', on: 'string', signature: 'length: number', doc: 'Number of UTF-16 code units.' },
  { name: 'length', kind: 'property', on: 'array', signature: 'length: number', doc: 'Number of items.' },
  { name: 'source', kind: 'property', on: 'regexp', signature: 'source: string', doc: 'The pattern text.' },
  { name: 'flags', kind: 'property', on: 'regexp', signature: 'flags: string', doc: 'The flags (g, i, m, s).' },
];

/** Standard library, methods and scope variables, for the editor's autocomplete. */
export const expressionLibrary: readonly ExpressionLibraryEntry[] = Object.freeze(
  [
    ...SCOPE_VARIABLES,
    ...globalEntries(),
    ...methodEntries('string', STRING_METHODS as ReadonlyMap<string, MethodSpec<never>>),
    ...methodEntries('number', NUMBER_METHODS as ReadonlyMap<string, MethodSpec<never>>),
    ...methodEntries('boolean', BOOLEAN_METHODS as ReadonlyMap<string, MethodSpec<never>>),
    ...methodEntries('array', ARRAY_METHODS as ReadonlyMap<string, MethodSpec<never>>),
    ...methodEntries('object', OBJECT_METHODS as ReadonlyMap<string, MethodSpec<never>>),
    ...methodEntries('date', DATE_METHODS as ReadonlyMap<string, MethodSpec<never>>),
    ...methodEntries('regexp', REGEXP_METHODS as ReadonlyMap<string, MethodSpec<never>>),
    ...PROPERTIES,
  ].map((entry) => Object.freeze(entry)),
);
