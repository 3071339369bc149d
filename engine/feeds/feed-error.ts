import { NodeError, type NodeErrorOptions } from '../errors.ts';

/** Stable codes of feed failures; the UI and logs show them as they are. */
export const FeedErrorCode = {
  /** Not XML, not well-formed, or XML that is not an RSS or Atom feed (an HTML page, say). */
  Invalid: 'FEED_INVALID',
  /** The document is larger than the byte cap. */
  TooLarge: 'FEED_TOO_LARGE',
  /** The server answered with a non-2xx status. */
  HttpStatus: 'FEED_HTTP_STATUS',
  /** The request failed before a response (connection refused, TLS, timeout). */
  FetchFailed: 'FEED_FETCH_FAILED',
} as const;
export type FeedErrorCode = (typeof FeedErrorCode)[keyof typeof FeedErrorCode];

/** An expected feed failure. A NodeError, so nodes can throw it as is and retries know whether it can help. */
export class FeedError extends NodeError {
  override name = 'FeedError';
  declare readonly code: FeedErrorCode;

  constructor(code: FeedErrorCode, message: string, options: Omit<NodeErrorOptions, 'code'> = {}) {
    super(message, { retryable: code === FeedErrorCode.FetchFailed, ...options, code });
  }
}
