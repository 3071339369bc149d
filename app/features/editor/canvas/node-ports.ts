import { ERROR_PORT, OnErrorMode } from '../../../../engine/definition.ts';
import type { NodeTypeDescription } from '../../../../engine/registry.ts';
import type { PortsOf } from '../editor-store.ts';

export type Port = { name: string; label?: string };

/**
 * The handles a card draws: the server's resolved ports when it sent some (types whose ports
 * depend on params), else the type's static ports, plus the engine's error output when the
 * node routes failures there.
 */
const MAIN: readonly Port[] = [{ name: 'main' }];

/** (An unknown type gets one main input and output so its edges still draw while the compiler reports it.) */
export function portsOf(description: NodeTypeDescription | undefined, resolved: PortsOf | undefined, onError: string): PortsOf {
  const inputs: Port[] = [...(resolved?.inputs ?? description?.inputs ?? MAIN)];
  const outputs: Port[] = [...(resolved?.outputs ?? description?.outputs ?? MAIN)];
  if (onError === OnErrorMode.ErrorOutput && !outputs.some((p) => p.name === ERROR_PORT)) {
    outputs.push({ name: ERROR_PORT, label: 'Error' });
  }
  return { inputs, outputs };
}

export const portLabel = (port: Port): string => port.label ?? (port.name === 'main' ? '' : port.name);
