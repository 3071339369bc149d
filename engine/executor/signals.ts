import type { Item } from '../items.ts';

/** Thrown by ctx.wait(): not an error, a request to suspend the node. */
export class WaitRequest {
  constructor(
    readonly resumeAt: number,
    readonly output?: Item[],
  ) {}
}

export type HaltKind = 'cancelled' | 'stopped' | 'crashed';

/** Abort reason on the run's internal signal: why running nodes must stop now. */
export class RunHalted extends Error {
  override name = 'RunHalted';
  readonly code = 'NODE_CANCELLED';
  constructor(
    readonly kind: HaltKind,
    message: string,
  ) {
    super(message);
  }
}

/** Settles with `promise`, or rejects with the signal's reason as soon as it aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
