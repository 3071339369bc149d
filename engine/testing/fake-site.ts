import { startTestServer, type TestServer } from './test-server.ts';

export interface FakePage {
  status?: number;
  /** Default text/html; charset=utf-8. */
  contentType?: string;
  headers?: Record<string, string>;
  body: string;
}

export interface FakeSite extends TestServer {
  setPage(path: string, page: FakePage | string): void;
}

/** A local website (HTML pages, feeds) served by path; unknown paths answer 404. */
export async function startFakeSite(pages: Record<string, FakePage | string> = {}): Promise<FakeSite> {
  const table = new Map<string, FakePage>();
  const setPage = (path: string, page: FakePage | string) => table.set(path, typeof page === 'string' ? { body: page } : page);
  for (const [path, page] of Object.entries(pages)) setPage(path, page);
  const server = await startTestServer((req) => {
    const page = table.get(req.path);
    if (!page) return { status: 404, headers: { 'content-type': 'text/html' }, body: '<h1>Not found</h1>' };
    return {
      status: page.status ?? 200,
      headers: { 'content-type': page.contentType ?? 'text/html; charset=utf-8', ...page.headers },
      body: page.body,
    };
  });
  return { ...server, setPage };
}
