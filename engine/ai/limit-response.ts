import type { FetchLike } from '../node-api.ts';

export class ResponseTooLargeError extends Error {
  override name = 'ResponseTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`The answer exceeded ${Math.round(limitBytes / 1024)} KB`);
  }
}

/**
 * Wraps fetch so a response body longer than `maxBytes` fails while streaming, instead of
 * being buffered whole: a hostile or runaway provider cannot exhaust memory.
 */
export function limitResponseBytes(fetchImpl: FetchLike, maxBytes: number): FetchLike {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw new ResponseTooLargeError(maxBytes);
    }
    if (!response.body) return response;
    let seen = 0;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > maxBytes) controller.error(new ResponseTooLargeError(maxBytes));
          else controller.enqueue(chunk);
        },
      }),
    );
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
