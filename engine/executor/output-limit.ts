import type { Item, PortItems } from '../items.ts';
import { NodeError, NodeErrorCode } from '../errors.ts';
import type { TruncationInfo } from './checkpoint-store.ts';

export const DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

/** JSON size of every port's items. Throws INVALID_OUTPUT for values JSON cannot carry (cycles, BigInt). */
export function measurePorts(ports: PortItems): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const port in ports) {
    const items = ports[port] as Item[];
    if (items.length === 0) {
      sizes[port] = 2;
      continue;
    }
    let json: string;
    try {
      json = JSON.stringify(items);
    } catch (err) {
      throw new NodeError(`Output on "${port}" is not JSON-serialisable: ${err instanceof Error ? err.message : String(err)}`, {
        code: NodeErrorCode.InvalidOutput,
        retryable: false,
      });
    }
    sizes[port] = Buffer.byteLength(json, 'utf8');
  }
  return sizes;
}

/**
 * What goes into run data: the ports whole when their total size fits in
 * `maxBytes`; otherwise the first items (in port order) that fit, plus a
 * summary saying how much was left out.
 */
export function limitPorts(
  ports: PortItems,
  totalBytes: number,
  maxBytes: number,
): { stored: PortItems; truncated?: TruncationInfo } {
  if (totalBytes <= maxBytes) return { stored: ports };
  const stored: PortItems = {};
  let budget = maxBytes;
  let itemCount = 0;
  let kept = 0;
  let full = false;
  for (const port in ports) {
    const items = ports[port] as Item[];
    itemCount += items.length;
    const keep: Item[] = [];
    for (const item of items) {
      if (full) break;
      const size = Buffer.byteLength(JSON.stringify(item), 'utf8') + 1;
      if (size > budget) {
        full = true;
        break;
      }
      budget -= size;
      keep.push(item);
    }
    kept += keep.length;
    stored[port] = keep;
  }
  return { stored, truncated: { truncated: true, byteSize: totalBytes, itemCount, keptItemCount: kept } };
}
