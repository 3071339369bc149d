/** Sizing of the WebAssembly memory QuickJS runs on (64 KiB pages). */

const PAGE = 64 * 1024;
/** What the QuickJS build starts with (its static data, stack and first heap). */
const INITIAL_PAGES = 256;
/** The build's declared maximum (2 GiB); a larger maximum fails to link. */
const MAX_PAGES = 32_768;

/**
 * Pages for a job with `memoryLimitBytes` of guest heap: the initial memory, the limit, and
 * a quarter more (at least 8 MiB) for allocator overhead and fragmentation.
 */
export function wasmMemoryPages(memoryLimitBytes: number): { initial: number; maximum: number } {
  const headroom = Math.max(8 * 1024 * 1024, memoryLimitBytes / 4);
  const maximum = Math.min(MAX_PAGES, INITIAL_PAGES + Math.ceil((memoryLimitBytes + headroom) / PAGE));
  return { initial: INITIAL_PAGES, maximum };
}

/** Largest `memoryLimitBytes` whose memory still fits under the build's maximum. */
export const MAX_MEMORY_LIMIT_BYTES = 1536 * 1024 * 1024;
