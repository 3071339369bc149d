import type { Runtime } from '../values.ts';

/** Declarative description of a standard-library entry; `stdlib.ts` turns these into values. */
export interface FunctionSpec {
  readonly kind: 'function';
  readonly signature: string;
  readonly doc: string;
  readonly fn: (rt: Runtime, args: unknown[]) => unknown;
  /** Members of a callable global, e.g. `Number.isInteger`. */
  readonly members?: Readonly<Record<string, MemberSpec>>;
}

export interface ConstantSpec {
  readonly kind: 'constant';
  readonly value: number;
  readonly doc: string;
}

export interface NamespaceSpec {
  readonly kind: 'namespace';
  readonly doc: string;
  readonly members: Readonly<Record<string, MemberSpec>>;
}

export type MemberSpec = FunctionSpec | ConstantSpec;
export type GlobalSpec = FunctionSpec | NamespaceSpec;

export function fn(
  signature: string,
  doc: string,
  impl: (rt: Runtime, args: unknown[]) => unknown,
  members?: Record<string, MemberSpec>,
): FunctionSpec {
  return members === undefined ? { kind: 'function', signature, doc, fn: impl } : { kind: 'function', signature, doc, fn: impl, members };
}

export function constant(value: number, doc: string): ConstantSpec {
  return { kind: 'constant', value, doc };
}

export function namespace(doc: string, members: Record<string, MemberSpec>): NamespaceSpec {
  return { kind: 'namespace', doc, members };
}
