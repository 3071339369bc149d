import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHunter, type FakeHunter } from '../../testing/fake-hunter.ts';
import { startFakeSite, type FakeSite } from '../../testing/fake-site.ts';
import { createHarness } from '../../testing/harness.ts';
import { MemoryDataTableStore } from '../../testing/memory-data-tables.ts';
import { MemoryOutreachTracker } from '../../testing/memory-outreach.ts';
import { startSmtpCapture, type SmtpCapture } from '../../testing/smtp-capture.ts';
import { workflow } from '../../testing/workflow-builder.ts';

/** The outreach nodes composed the way the template uses them, against local fakes only. */

let site: FakeSite;
let hunter: FakeHunter;
let smtp: SmtpCapture;

const article = (company: string, domain: string) =>
  `<html><body><article><h1>${company} raises a seed round</h1><p>CEO <span class="founder">Founder of ${company}</span></p>
   <a class="site" href="https://www.${domain}/">${company}</a></article></body></html>`;

beforeAll(async () => {
  site = await startFakeSite();
  const base = site.url;
  site.setPage('/feed.xml', {
    contentType: 'application/rss+xml',
    body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Tech</title><link>${base}</link><description>d</description>
      <item><title>Acme raises</title><link>${base}/news/acme</link><guid>acme</guid></item>
      <item><title>Bits launches</title><link>${base}/news/bits</link><guid>bits</guid></item>
    </channel></rss>`,
  });
  site.setPage('/news/acme', article('Acme', 'acme.io'));
  site.setPage('/news/bits', article('Bits', 'bits.dev'));
  hunter = await startFakeHunter({
    apiKey: 'hk',
    companies: {
      'acme.io': { organization: 'Acme', people: [{ email: 'ada@acme.io', firstName: 'Ada', lastName: 'L', position: 'CEO' }] },
      'bits.dev': { organization: 'Bits', people: [{ email: 'bob@bits.dev', firstName: 'Bob', lastName: 'B', position: 'CEO', status: 'invalid' }] },
    },
  });
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await Promise.all([site.close(), hunter.close(), smtp.close()]);
});

const definition = () =>
  workflow(
    [
      ['t', 'core.manualTrigger'],
      ['feed', 'core.rssRead', { url: `${site.url}/feed.xml` }],
      ['page', 'core.htmlExtract', { url: '{{ $json.link }}', fields: [{ key: 'companyUrl', selector: 'a.site', attribute: 'href' }] }],
      ['people', 'outreach.hunter', { credentialId: 'hunter', domain: '{{ $json.companyUrl }}', emailType: 'personal' }],
      ['seen', 'core.dataTable', { table: 'contacts', operation: 'exists', filters: [{ field: 'email', value: '{{ $json.email }}' }] }],
      ['verify', 'outreach.hunter', { credentialId: 'hunter', operation: 'emailVerifier', email: '{{ $json.email }}' }],
      ['ok', 'core.if', { conditions: [{ left: '{{ $json.deliverable }}', operator: 'isTrue' }] }],
      ['invalid', 'core.dataTable', { table: 'contacts', operation: 'upsert', keyFields: ['email'], columns: [{ name: 'email', value: '{{ $json.email }}' }, { name: 'stage', value: 'invalid' }] }],
      ['window', 'outreach.sendWindow', { timeZone: 'UTC', startHour: 9, endHour: 11 }],
      [
        'send',
        'outreach.sendEmail',
        {
          credentialId: 'smtp',
          to: '{{ $json.email }}',
          subject: 'Congrats, {{ $json.firstName }}',
          html: '<p>Hi {{ $json.firstName }}, saw {{ $json.title }}. <a href="https://flowforge.dev">Have a look</a></p>',
          trackOpens: true,
          trackClicks: true,
          contact: { table: 'contacts' },
        },
      ],
      ['record', 'core.dataTable', { table: 'contacts', operation: 'upsert', keyFields: ['email'], columns: [{ name: 'email', value: '{{ $json.email }}' }, { name: 'stage', value: 'sent' }, { name: 'messageId', value: '{{ $json.messageId }}' }] }],
    ],
    ['t -> feed', 'feed -> page', 'page -> people', 'people -> seen', 'seen.notFound -> verify', 'verify -> ok', 'ok.false -> invalid', 'ok.true -> window', 'window -> send', 'send -> record'],
  );

describe('outreach nodes together', () => {
  it('feed → page → Hunter → skip known → verify → send window → tracked email → table; a second run emails nobody twice', async () => {
    const h = createHarness({ start: Date.parse('2025-01-01T07:00:00Z'), autoAdvance: true });
    // The template creates its table up front: "exists" on a missing table is an error, not "no rows".
    const tables = new MemoryDataTableStore({ tables: ['contacts'] });
    const outreach = new MemoryOutreachTracker();
    const options = {
      httpAllowList: ['127.0.0.1'],
      services: { dataTables: tables, outreach },
      credentials: async (id: string): Promise<Record<string, string>> =>
        id === 'hunter'
          ? { apiKey: 'hk', baseUrl: hunter.baseUrl }
          : { host: smtp.host, port: String(smtp.port), secure: 'none', fromAddress: 'me@flowforge.dev' },
    };
    const dag = h.compile(definition());
    const first = await h.run(definition(), { ...options, runId: 'r1', dag });
    expect(first).toMatchObject({ status: 'waiting', resumeAt: Date.parse('2025-01-01T09:00:00Z') });
    expect(tables.rows('contacts')).toEqual([{ email: 'bob@bits.dev', stage: 'invalid' }]);
    expect(smtp.messages).toHaveLength(0);

    await h.clock.advance(2 * 3_600_000);
    const resumed = await h.run(definition(), { ...options, runId: 'r1', dag });
    expect(resumed.status).toBe('succeeded');
    expect(smtp.messages.map((m) => [m.envelopeTo, m.subject])).toEqual([[['ada@acme.io'], 'Congrats, Ada']]);
    expect(smtp.messages[0]?.html).toContain('saw Acme raises.');
    expect(smtp.messages[0]?.html).toContain('https://track.test/t/c/');
    expect(tables.rows('contacts')).toEqual([
      { email: 'bob@bits.dev', stage: 'invalid' },
      { email: 'ada@acme.io', stage: 'sent', messageId: 'm1' },
    ]);

    const again = await h.run(definition(), { ...options, runId: 'r2', dag });
    expect(again.status).toBe('succeeded');
    expect(smtp.messages).toHaveLength(1);
    expect(h.store.getNodeRun('r2', 'seen')?.output?.found?.map((i) => i.json.email)).toEqual(['ada@acme.io', 'bob@bits.dev']);
  });
});
