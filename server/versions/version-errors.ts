export const VersionErrorCode = {
  VersionNotFound: 'VERSION_NOT_FOUND',
  WorkflowNotFound: 'WORKFLOW_NOT_FOUND',
} as const;
export type VersionErrorCode = (typeof VersionErrorCode)[keyof typeof VersionErrorCode];

/** An expected failure of a version operation; the router turns it into a NOT_FOUND. */
export class VersionError extends Error {
  override readonly name = 'VersionError';
  constructor(
    readonly code: VersionErrorCode,
    message: string,
  ) {
    super(message);
  }
}
