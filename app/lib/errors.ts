import { TRPCClientError } from '@trpc/client';

/** The tRPC error code of a failed call (`UNAUTHORIZED`, `NOT_FOUND`…), if it has one. */
export function errorCode(error: unknown): string | undefined {
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: unknown } | undefined;
    return typeof data?.code === 'string' ? data.code : undefined;
  }
  return undefined;
}

/** The HTTP status of a failed tRPC call, if the server answered. */
export function errorStatus(error: unknown): number | undefined {
  if (error instanceof TRPCClientError) {
    const data = error.data as { httpStatus?: unknown } | undefined;
    return typeof data?.httpStatus === 'number' ? data.httpStatus : undefined;
  }
  return undefined;
}

/** A sentence to show the user. Server messages are already written for people; show them as they are. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    if (!error.data && /fetch|network/i.test(error.message)) return 'Cannot reach the server. Check your connection and try again.';
    return error.message || 'Something went wrong';
  }
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong';
}

/** 4xx answers will not change on retry. */
export function isClientError(error: unknown): boolean {
  const status = errorStatus(error);
  return status !== undefined && status >= 400 && status < 500;
}
