// Thin calls to better-auth's HTTP endpoints; the session lives in an httpOnly cookie.

export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

async function post(path: string, body: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`/api/auth${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });
  } catch {
    throw new AuthError('Cannot reach the server. Check your connection and try again.', 0, 'NETWORK');
  }
  const payload = (await res.json().catch(() => null)) as { message?: unknown; code?: unknown } | null;
  if (res.ok) return payload;
  if (res.status === 429) {
    const seconds = Number(res.headers.get('x-retry-after'));
    const wait = Number.isFinite(seconds) && seconds > 0 ? `in ${seconds} second${seconds === 1 ? '' : 's'}` : 'in a minute';
    throw new AuthError(`Too many attempts. Please try again ${wait}.`, 429, 'RATE_LIMITED');
  }
  const message = typeof payload?.message === 'string' && payload.message ? payload.message : `Request failed (${res.status})`;
  throw new AuthError(message, res.status, typeof payload?.code === 'string' ? payload.code : undefined);
}

export function signInWithEmail(input: { email: string; password: string }) {
  return post('/sign-in/email', input);
}

export function signUpWithEmail(input: { name: string; email: string; password: string }) {
  return post('/sign-up/email', input);
}

export function signOut() {
  return post('/sign-out', {});
}

/** Only same-site paths may be a post-sign-in destination (no open redirects). */
export function safeNextPath(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
