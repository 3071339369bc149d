import { CORE_GLOBALS } from './stdlib/core.ts';
import { DATE_NAMESPACE } from './stdlib/date.ts';
import type { GlobalSpec, MemberSpec } from './stdlib/define.ts';
import { HELPER_FUNCTIONS } from './stdlib/helpers.ts';
import { STR_NAMESPACE } from './stdlib/str.ts';
import { Builtin, Namespace } from './values.ts';

/** Everything an expression can name besides the caller's scope and its own arrow parameters. */
export const STDLIB_SPECS: Readonly<Record<string, GlobalSpec>> = {
  ...CORE_GLOBALS,
  $date: DATE_NAMESPACE,
  $str: STR_NAMESPACE,
  ...HELPER_FUNCTIONS,
};

function memberValue(name: string, spec: MemberSpec): unknown {
  if (spec.kind === 'constant') return spec.value;
  return new Builtin(name, spec.fn, membersOf(name, spec.members ?? {}));
}

function membersOf(prefix: string, members: Readonly<Record<string, MemberSpec>>): ReadonlyMap<string, unknown> {
  return new Map(Object.entries(members).map(([key, spec]) => [key, memberValue(`${prefix}.${key}`, spec)]));
}

/** Global name → value (a `Builtin` or a `Namespace`); read-only and shared by all evaluations. */
export const STDLIB: ReadonlyMap<string, unknown> = new Map(
  Object.entries(STDLIB_SPECS).map(([name, spec]) => [
    name,
    spec.kind === 'namespace' ? new Namespace(name, membersOf(name, spec.members)) : memberValue(name, spec),
  ]),
);
