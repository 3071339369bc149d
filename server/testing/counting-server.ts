import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP server that counts hits per path and answers after `delayMs` (a slow node). */
export async function startCountingServer(delayMs = 0) {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const timer = setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path, hit: hits.get(path) }));
    }, delayMs);
    req.on('close', () => !res.writableEnded && clearTimeout(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    hits: (path: string) => hits.get(path) ?? 0,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
