import { createTRPCClient, httpLink } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '../api/routers/app.ts';

/** A signed-in (or anonymous) user talking to a running server over real HTTP, with a cookie jar. */
export class TestUser {
  cookies = new Map<string, string>();
  readonly api;

  constructor(readonly baseUrl: string, readonly email = '', readonly password = '') {
    this.api = createTRPCClient<AppRouter>({
      links: [httpLink({ url: `${baseUrl}/api/trpc`, transformer: superjson, fetch: (url, init) => this.fetch(String(url), init) })],
    });
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    headers.set('origin', this.baseUrl);
    const res = await fetch(url, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  post(path: string, body: unknown) {
    return this.fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  static async signUp(baseUrl: string, name: string, email: string, password = 'correct-horse-battery'): Promise<TestUser> {
    const user = new TestUser(baseUrl, email, password);
    const res = await user.post('/api/auth/sign-up/email', { name, email, password });
    if (!res.ok) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
    return user;
  }

  async signIn(): Promise<Response> {
    return this.post('/api/auth/sign-in/email', { email: this.email, password: this.password });
  }
}
