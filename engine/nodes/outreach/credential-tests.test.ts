import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHunter, type FakeHunter } from '../../testing/fake-hunter.ts';
import { startSmtpCapture, type SmtpCapture } from '../../testing/smtp-capture.ts';
import { startTestServer, type TestServer } from '../../testing/test-server.ts';
import { enrichmentApi, hunterApi, outreachCredentialTesters, smtp } from './credential-tests.ts';

const deps = () => ({ fetch: globalThis.fetch, signal: AbortSignal.timeout(10_000) });

let hunter: FakeHunter;
let enrich: TestServer;
let mail: SmtpCapture;
beforeAll(async () => {
  hunter = await startFakeHunter({ apiKey: 'good-hunter-key' });
  enrich = await startTestServer((req) => (req.headers.authorization === 'Bearer good-enrich-key' ? { status: 404, body: {} } : { status: 401, body: {} }));
  mail = await startSmtpCapture({ auth: { user: 'ada', password: 'mail-pass-1' } });
});
afterAll(async () => {
  await Promise.all([hunter.close(), enrich.close(), mail.close()]);
});

describe('outreach credential testers', () => {
  it('exports one tester per outreach credential kind', () => {
    expect(Object.keys(outreachCredentialTesters).sort()).toEqual(['enrichmentApi', 'hunterApi', 'smtp']);
  });

  it('hunterApi reads the account, and names a refused key without showing it', async () => {
    expect(await hunterApi({ apiKey: 'good-hunter-key', baseUrl: hunter.baseUrl }, deps())).toEqual({
      ok: true,
      message: 'Connected to Hunter as owner@example.com, Free plan, 3 of 25 searches used',
    });
    expect(hunter.requests.at(-1)?.path).toBe('/v2/account');
    expect(await hunterApi({ apiKey: 'bad', baseUrl: `${hunter.baseUrl}/v2` }, deps())).toEqual({ ok: false, message: 'Hunter refused the API key (401)' });
    const down = await hunterApi({ apiKey: 'secret-k', baseUrl: 'http://127.0.0.1:1' }, deps());
    expect(down.ok).toBe(false);
    expect(down.message).toMatch(/^Could not reach Hunter at http:\/\/127\.0\.0\.1:1/);
    expect(down.message).not.toContain('secret-k');
  });

  it('enrichmentApi accepts any non-auth answer to a test lookup', async () => {
    expect(await enrichmentApi({ baseUrl: enrich.url, apiKey: 'good-enrich-key', authStyle: 'bearer' }, deps())).toEqual({
      ok: true,
      message: 'The enrichment API accepted the key (a test lookup answered 404)',
    });
    expect(await enrichmentApi({ baseUrl: enrich.url, apiKey: 'nope', authStyle: 'bearer' }, deps())).toEqual({
      ok: false,
      message: 'The enrichment API refused the API key (401)',
    });
  });

  it('smtp connects and logs in without sending; a wrong password or dead server is explained', async () => {
    const base = { host: mail.host, port: String(mail.port), secure: 'none', user: 'ada', fromAddress: 'ada@example.com' };
    expect(await smtp({ ...base, password: 'mail-pass-1' }, deps())).toEqual({ ok: true, message: `Connected to ${mail.host}:${mail.port} and logged in as ada` });
    const wrong = await smtp({ ...base, password: 'wrong-pass-2' }, deps());
    expect(wrong.ok).toBe(false);
    expect(wrong.message).toMatch(/refused the login/);
    expect(wrong.message).not.toContain('wrong-pass-2');
    const dead = await smtp({ ...base, port: '1', password: 'x' }, deps());
    expect(dead).toMatchObject({ ok: false, message: expect.stringMatching(/^Could not talk to the SMTP server 127\.0\.0\.1:1/) });
    expect(mail.messages).toHaveLength(0);
  });
});
