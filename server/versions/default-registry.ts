import { createDefaultRegistry } from '../../engine/registry.ts';
import type { NodeRegistry } from '../../engine/registry.ts';

let registry: NodeRegistry | undefined;

/** The built-in node types, built once per process (versions compile against it). */
export function defaultRegistry(): NodeRegistry {
  return (registry ??= createDefaultRegistry());
}
