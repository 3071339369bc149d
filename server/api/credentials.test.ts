import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret } from '../credentials/cipher.ts';
import { collabFixture, type CollabFixture } from '../collab/testing/collab-fixture.ts';
import type { TestUser } from '../testing/api-client.ts';
import { databaseTargets } from '../testing/test-databases.ts';
import { startTestServer, TEST_ENCRYPTION_KEY, type TestServer } from '../testing/test-server.ts';

const targets = await databaseTargets();

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; issues?: { path: string; message: string }[] }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TRPCClientError) {
      const data = err.data as { code: string; issues?: { path: string; message: string }[] };
      return { code: data.code, message: err.message, ...(data.issues ? { issues: data.issues } : {}) };
    }
    throw err;
  }
  return { code: 'ok', message: '' };
}
const codeOf = async (p: Promise<unknown>) => (await failure(p)).code;

const SECRET = 'sk-live-7f3a9c1e-never-leaves';

/**
 * A fake OAuth2 token endpoint on 127.0.0.1: accepts client "app" with SECRET (Basic auth or
 * form body); echoes the presented secret in its error, as careless providers do.
 */
async function startTokenServer() {
  const requests: { auth: string | undefined; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({ auth: req.headers.authorization, body });
      const form = new URLSearchParams(body);
      const basic = req.headers.authorization?.startsWith('Basic ')
        ? Buffer.from(req.headers.authorization.slice(6), 'base64').toString().split(':').map(decodeURIComponent)
        : [form.get('client_id'), form.get('client_secret')];
      const [id, secret] = basic;
      res.setHeader('content-type', 'application/json');
      if (form.get('grant_type') !== 'client_credentials') {
        res.writeHead(400).end(JSON.stringify({ error: 'unsupported_grant_type' }));
      } else if (id === 'app' && secret === SECRET) {
        res.writeHead(200).end(JSON.stringify({ access_token: 'tok-123', token_type: 'Bearer', expires_in: 3600 }));
      } else {
        res.writeHead(401).end(JSON.stringify({ error: 'invalid_client', error_description: `unknown secret ${secret}` }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/oauth/token`, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe.each(targets)('credentials API on %s', (target) => {
  let srv: TestServer;
  let f: CollabFixture;
  let tokens: Awaited<ReturnType<typeof startTokenServer>>;
  /** Every response a test got, to prove no secret ever came back. */
  const seen: unknown[] = [];
  const keep = async <T,>(p: Promise<T>): Promise<T> => {
    const value = await p;
    seen.push(value);
    return value;
  };

  beforeAll(async () => {
    srv = await startTestServer(target);
    f = await collabFixture(srv, `cred-${target}`);
    tokens = await startTokenServer();
  });
  afterAll(async () => {
    await tokens?.close();
    await srv?.stop();
  });

  it('round trip: create, list, get, update keeping secrets, rename, delete — and no secret ever returned', async () => {
    const ws = f.workspaceId;
    const { id } = await keep(
      f.editor.api.credential.create.mutate({
        workspaceId: ws,
        name: 'Identity provider',
        kind: 'oauth2ClientCredentials',
        data: { tokenUrl: 'https://id.example.com/token', clientId: 'app', clientSecret: SECRET, scope: 'read' },
      }),
    );
    await keep(f.editor.api.credential.create.mutate({ workspaceId: ws, name: 'API basic', kind: 'httpBasic', data: { username: 'ada', password: SECRET } }));

    const list = await keep(f.viewer.api.credential.list.query({ workspaceId: ws }));
    expect(list.map((c) => [c.name, c.kind])).toEqual([
      ['API basic', 'httpBasic'],
      ['Identity provider', 'oauth2ClientCredentials'],
    ]);
    expect(Object.keys(list[0]!).sort()).toEqual(['createdAt', 'id', 'kind', 'name', 'updatedAt']);
    expect(list[0]!.createdAt).toBeInstanceOf(Date);
    expect((await keep(f.viewer.api.credential.list.query({ workspaceId: ws, kind: 'httpBasic' }))).map((c) => c.name)).toEqual(['API basic']);

    const got = await keep(f.editor.api.credential.get.query({ workspaceId: ws, credentialId: id }));
    expect(got).toEqual({
      id,
      name: 'Identity provider',
      kind: 'oauth2ClientCredentials',
      fields: { tokenUrl: 'https://id.example.com/token', clientId: 'app', scope: 'read', clientAuth: 'header' },
      secretsSet: ['clientSecret'],
    });

    // The form sends back what it has (no secret): the stored secret stays.
    const updated = await keep(
      f.editor.api.credential.update.mutate({
        workspaceId: ws,
        credentialId: id,
        data: { tokenUrl: 'https://id2.example.com/token', clientId: 'app', clientSecret: '', clientAuth: 'body' },
      }),
    );
    expect(updated.fields).toEqual({ tokenUrl: 'https://id2.example.com/token', clientId: 'app', clientAuth: 'body' });
    expect(updated.secretsSet).toEqual(['clientSecret']);
    const row = await srv.db.prisma.credential.findUniqueOrThrow({ where: { id } });
    // Stored encrypted, bound to the workspace, decryptable the way the run engine does it.
    expect(Buffer.from(row.encrypted).toString('utf8')).not.toContain(SECRET);
    expect(JSON.parse(decryptSecret(TEST_ENCRYPTION_KEY, row.encrypted, ws))).toEqual({
      tokenUrl: 'https://id2.example.com/token',
      clientId: 'app',
      clientSecret: SECRET,
      clientAuth: 'body',
    });

    await keep(f.editor.api.credential.update.mutate({ workspaceId: ws, credentialId: id, name: 'IdP' }));
    expect((await keep(f.editor.api.credential.get.query({ workspaceId: ws, credentialId: id }))).name).toBe('IdP');

    // Every response so far, serialized: the secret is nowhere.
    expect(JSON.stringify(seen)).not.toContain(SECRET);

    expect(await keep(f.editor.api.credential.delete.mutate({ workspaceId: ws, credentialId: id }))).toEqual({ id });
    expect(await codeOf(f.editor.api.credential.get.query({ workspaceId: ws, credentialId: id }))).toBe('NOT_FOUND');
    expect(await codeOf(f.editor.api.credential.delete.mutate({ workspaceId: ws, credentialId: id }))).toBe('NOT_FOUND');
  });

  it('refuses duplicate names with CONFLICT and invalid data with BAD_REQUEST listing each field', async () => {
    const ws = f.workspaceId;
    await f.editor.api.credential.create.mutate({ workspaceId: ws, name: 'Twin', kind: 'httpBearer', data: { token: 'a' } });
    const dup = await failure(f.editor.api.credential.create.mutate({ workspaceId: ws, name: 'Twin', kind: 'httpBearer', data: { token: 'b' } }));
    expect(dup).toMatchObject({ code: 'CONFLICT', message: 'A credential named "Twin" already exists in this workspace' });
    const other = await f.editor.api.credential.create.mutate({ workspaceId: ws, name: 'Other', kind: 'httpBearer', data: { token: 'c' } });
    expect(await failure(f.editor.api.credential.update.mutate({ workspaceId: ws, credentialId: other.id, name: 'Twin' }))).toMatchObject({ code: 'CONFLICT' });

    const bad = await failure(
      f.editor.api.credential.create.mutate({ workspaceId: ws, name: 'Broken', kind: 'oauth2ClientCredentials', data: { tokenUrl: 'not a url', clientSecret: SECRET } }),
    );
    expect(bad.code).toBe('BAD_REQUEST');
    expect(bad.issues?.map((i) => i.path).sort()).toEqual(['data.clientId', 'data.tokenUrl']);
    expect(bad.message).toMatch(/data\.tokenUrl: .*data\.clientId: |data\.clientId: .*data\.tokenUrl: /);
    expect(bad.message).not.toContain(SECRET);
    expect(await failure(f.editor.api.credential.create.mutate({ workspaceId: ws, name: 'Nope', kind: 'acme.token', data: {} }))).toMatchObject({
      code: 'BAD_REQUEST',
      issues: [{ path: 'kind', message: 'Unknown credential kind "acme.token"' }],
    });
    // An update that empties a required non-secret field is refused and changes nothing.
    const before = await f.editor.api.credential.get.query({ workspaceId: ws, credentialId: other.id });
    const token = await f.editor.api.credential.create.mutate({ workspaceId: ws, name: 'Keyed', kind: 'httpHeaderKey', data: { headerName: 'X-Key', value: SECRET } });
    expect(await codeOf(f.editor.api.credential.update.mutate({ workspaceId: ws, credentialId: token.id, data: { headerName: '' } }))).toBe('BAD_REQUEST');
    expect((await f.editor.api.credential.get.query({ workspaceId: ws, credentialId: token.id })).fields).toEqual({ headerName: 'X-Key' });
    expect(await f.editor.api.credential.get.query({ workspaceId: ws, credentialId: other.id })).toEqual(before);
    expect(await f.owner.api.credential.list.query({ workspaceId: ws })).not.toContainEqual(expect.objectContaining({ name: 'Broken' }));
  });

  it('tests an OAuth2 credential against a token server, redacting secrets; other kinds cannot be tested', async () => {
    const ws = f.workspaceId;
    const kinds = await f.viewer.api.nodeType.list.query();
    expect(kinds.credentialKinds.find((k) => k.kind === 'oauth2ClientCredentials')?.testable).toBe(true);
    expect(kinds.credentialKinds.find((k) => k.kind === 'httpBasic')?.testable).toBe(false);

    const good = await f.editor.api.credential.create.mutate({
      workspaceId: ws,
      name: 'Good OAuth',
      kind: 'oauth2ClientCredentials',
      data: { tokenUrl: tokens.url, clientId: 'app', clientSecret: SECRET, scope: 'leads:read' },
    });
    expect(await keep(f.editor.api.credential.test.mutate({ workspaceId: ws, credentialId: good.id }))).toEqual({ ok: true, message: 'Got an access token, valid for 3600 s' });
    const last = tokens.requests.at(-1)!;
    expect(last.auth).toBe(`Basic ${Buffer.from(`app:${SECRET}`).toString('base64')}`);
    expect(new URLSearchParams(last.body).get('scope')).toBe('leads:read');

    await f.editor.api.credential.update.mutate({ workspaceId: ws, credentialId: good.id, data: { tokenUrl: tokens.url, clientId: 'app', clientAuth: 'body' } });
    expect(await keep(f.editor.api.credential.test.mutate({ workspaceId: ws, credentialId: good.id }))).toMatchObject({ ok: true });
    expect(new URLSearchParams(tokens.requests.at(-1)!.body).get('client_secret')).toBe(SECRET);

    const wrong = await f.editor.api.credential.create.mutate({
      workspaceId: ws,
      name: 'Wrong OAuth',
      kind: 'oauth2ClientCredentials',
      data: { tokenUrl: tokens.url, clientId: 'app', clientSecret: `${SECRET}-old` },
    });
    const refused = await keep(f.editor.api.credential.test.mutate({ workspaceId: ws, credentialId: wrong.id }));
    expect(refused).toEqual({ ok: false, message: 'The token endpoint answered 401: invalid_client — unknown secret •••' });

    // The HTTP node's address policy applies: private addresses outside the allow-list are refused.
    const internal = await f.editor.api.credential.create.mutate({
      workspaceId: ws,
      name: 'Internal OAuth',
      kind: 'oauth2ClientCredentials',
      data: { tokenUrl: 'http://10.1.2.3/token', clientId: 'app', clientSecret: SECRET },
    });
    const blocked = await f.editor.api.credential.test.mutate({ workspaceId: ws, credentialId: internal.id });
    expect(blocked.ok).toBe(false);
    expect(blocked.message).toMatch(/private, loopback/);

    // Nothing listens on a closed port: a clear failure, not a 500.
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const down = await f.editor.api.credential.create.mutate({
      workspaceId: ws,
      name: 'Down OAuth',
      kind: 'oauth2ClientCredentials',
      data: { tokenUrl: `http://127.0.0.1:${port}/token`, clientId: 'app', clientSecret: SECRET },
    });
    const unreachable = await f.editor.api.credential.test.mutate({ workspaceId: ws, credentialId: down.id });
    expect(unreachable.ok).toBe(false);
    expect(unreachable.message).toMatch(/ECONNREFUSED|refused/i);

    const basic = await f.editor.api.credential.create.mutate({ workspaceId: ws, name: 'Plain basic', kind: 'httpBasic', data: { username: 'u', password: SECRET } });
    expect(await failure(f.editor.api.credential.test.mutate({ workspaceId: ws, credentialId: basic.id }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Credentials of kind "httpBasic" cannot be tested',
    });
    expect(JSON.stringify(seen)).not.toContain(SECRET);
  });

  it('keeps workspaces apart and checks roles: viewers list, editors manage, outsiders see nothing', async () => {
    const ws = f.workspaceId;
    const { id } = await f.owner.api.credential.create.mutate({ workspaceId: ws, name: 'Roles', kind: 'httpBearer', data: { token: SECRET } });
    const ref = { workspaceId: ws, credentialId: id };
    const cases: { name: string; min: 'viewer' | 'editor'; call: (u: TestUser) => Promise<unknown> }[] = [
      { name: 'list', min: 'viewer', call: (u) => u.api.credential.list.query({ workspaceId: ws }) },
      { name: 'get', min: 'editor', call: (u) => u.api.credential.get.query(ref) },
      { name: 'create', min: 'editor', call: (u) => u.api.credential.create.mutate({ workspaceId: ws, name: `By ${u.email}`, kind: 'httpBearer', data: { token: 't' } }) },
      { name: 'update', min: 'editor', call: (u) => u.api.credential.update.mutate({ ...ref, name: 'Roles' }) },
      { name: 'test', min: 'editor', call: (u) => u.api.credential.test.mutate(ref).catch((e: unknown) => (e instanceof TRPCClientError && e.data?.code === 'BAD_REQUEST' ? 'untestable' : Promise.reject(e))) },
    ];
    for (const c of cases) {
      expect(await codeOf(c.call(f.outsider)), `${c.name} as outsider`).toBe('NOT_FOUND');
      expect(await codeOf(c.call(f.viewer)), `${c.name} as viewer`).toBe(c.min === 'viewer' ? 'ok' : 'FORBIDDEN');
      expect(await codeOf(c.call(f.editor)), `${c.name} as editor`).toBe('ok');
    }
    expect(await codeOf(f.viewer.api.credential.delete.mutate(ref))).toBe('FORBIDDEN');
    expect(await codeOf(f.outsider.api.credential.delete.mutate(ref))).toBe('NOT_FOUND');

    // A credential id from another workspace is as good as missing, even to that workspace's owner.
    const [personal] = await f.outsider.api.workspace.list.query();
    expect(await codeOf(f.outsider.api.credential.get.query({ workspaceId: personal!.id, credentialId: id }))).toBe('NOT_FOUND');
    expect(await codeOf(f.outsider.api.credential.update.mutate({ workspaceId: personal!.id, credentialId: id, data: { token: 'x' } }))).toBe('NOT_FOUND');
    expect(await codeOf(f.outsider.api.credential.delete.mutate({ workspaceId: personal!.id, credentialId: id }))).toBe('NOT_FOUND');
    expect(await f.outsider.api.credential.list.query({ workspaceId: personal!.id })).toEqual([]);

    expect(await codeOf(f.editor.api.credential.delete.mutate(ref))).toBe('ok');
  });
});
