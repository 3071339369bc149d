/**
 * Why the collaboration server refused a connection or a message. The `reason` is the stable
 * code clients see (the provider's `authenticationFailed` reason, or the close reason); `code`
 * is the WebSocket close code. Deliberately not an Error: Hocuspocus forwards `reason` and
 * `code` as they are, and a refusal is an expected outcome, not something to log as a failure.
 */
export const CollabRefusalReason = {
  Unauthorized: 'UNAUTHORIZED',
  NotFound: 'NOT_FOUND',
  OriginNotAllowed: 'ORIGIN_NOT_ALLOWED',
  BadDocumentName: 'BAD_DOCUMENT_NAME',
  MessageTooLarge: 'MESSAGE_TOO_LARGE',
  DocumentTooLarge: 'DOCUMENT_TOO_LARGE',
  MalformedUpdate: 'MALFORMED_UPDATE',
  ServerClosing: 'SERVER_CLOSING',
} as const;
export type CollabRefusalReason = (typeof CollabRefusalReason)[keyof typeof CollabRefusalReason];

const CLOSE_CODES: Record<CollabRefusalReason, number> = {
  UNAUTHORIZED: 4401,
  NOT_FOUND: 4404,
  ORIGIN_NOT_ALLOWED: 4403,
  BAD_DOCUMENT_NAME: 4400,
  MESSAGE_TOO_LARGE: 1009,
  DOCUMENT_TOO_LARGE: 4413,
  MALFORMED_UPDATE: 4400,
  SERVER_CLOSING: 4503,
};

export class CollabRefusal {
  readonly name = 'CollabRefusal';
  readonly code: number;
  constructor(readonly reason: CollabRefusalReason) {
    this.code = CLOSE_CODES[reason];
  }
}
