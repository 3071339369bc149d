import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { createGuardedFetch } from './guarded-fetch.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((req) => {
    if (req.path === '/redirect-internal') return { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data' } };
    if (req.path === '/redirect-local') return { status: 303, headers: { location: '/target' } };
    return { body: { path: req.path, method: req.method, auth: req.headers.authorization ?? null } };
  });
});
afterAll(() => server.close());

describe('createGuardedFetch', () => {
  it('refuses loopback without an allow-list, with a clear code', async () => {
    const guarded = createGuardedFetch(fetch);
    await expect(guarded(`${server.url}/x`)).rejects.toMatchObject({ code: 'HTTP_ADDRESS_BLOCKED', details: { host: '127.0.0.1' } });
    expect(server.hits('/x')).toBe(0);
  });

  it('resolves host names first and refuses private answers', async () => {
    const guarded = createGuardedFetch(fetch, { resolve: async () => ['10.0.0.7'] });
    await expect(guarded('http://intranet.example/x')).rejects.toMatchObject({
      code: 'HTTP_ADDRESS_BLOCKED',
      details: { host: 'intranet.example', address: '10.0.0.7' },
    });
    const mixed = createGuardedFetch(fetch, { resolve: async () => ['93.184.216.34', '::1'] });
    await expect(mixed('http://sneaky.example/')).rejects.toMatchObject({ code: 'HTTP_ADDRESS_BLOCKED' });
    await expect(createGuardedFetch(fetch)('http://metadata.google.internal/')).rejects.toMatchObject({ code: 'HTTP_ADDRESS_BLOCKED' });
  });

  it('reports DNS failures and unsupported protocols', async () => {
    const failing = createGuardedFetch(fetch, {
      resolve: async () => {
        throw new Error('NXDOMAIN');
      },
    });
    await expect(failing('http://nowhere.example/')).rejects.toMatchObject({ code: 'HTTP_DNS_FAILED' });
    await expect(createGuardedFetch(fetch)('file:///etc/passwd')).rejects.toMatchObject({ code: 'HTTP_PROTOCOL_BLOCKED' });
  });

  it('allows allow-listed addresses and follows safe redirects', async () => {
    const guarded = createGuardedFetch(fetch, { allowList: ['127.0.0.1'] });
    const direct = await guarded(`${server.url}/hello`);
    expect(await direct.json()).toMatchObject({ path: '/hello' });
    const redirected = await guarded(`${server.url}/redirect-local`, { method: 'POST', body: 'x' });
    expect(await redirected.json()).toMatchObject({ path: '/target', method: 'GET' });
  });

  it('checks every redirect hop', async () => {
    const guarded = createGuardedFetch(fetch, { allowList: ['127.0.0.1'] });
    await expect(guarded(`${server.url}/redirect-internal`)).rejects.toMatchObject({
      code: 'HTTP_ADDRESS_BLOCKED',
      details: { host: '169.254.169.254' },
    });
  });
});
