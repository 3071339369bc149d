import { describe, expect, it } from 'vitest';
import { compile } from '../../engine/compile.ts';
import { parseDefinition } from '../../engine/definition.ts';
import { createDefaultRegistry } from '../../engine/registry.ts';
import { outreachDefinition, OutreachNode } from './outreach-template.ts';

const registry = createDefaultRegistry();
const creds = { openAi: 'c-ai', hunterApi: 'c-hunter', smtp: 'c-smtp' };

describe('Entrepreneur outreach template', () => {
  it('compiles with credentials, one trigger per feed plus the hourly follow-up sweep', () => {
    const definition = outreachDefinition({ feeds: ['https://a.example/feed', 'https://b.example/feed'], followUpDays: 4, maxFollowUps: 1 }, creds);
    const result = compile(definition, registry);
    if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 1));
    const types = definition.nodes.map((n) => n.type);
    expect(types.filter((t) => t === 'core.rssFeedTrigger')).toHaveLength(2);
    expect(types).toContain('core.scheduleTrigger');
    const due = definition.nodes.find((n) => n.id === OutreachNode.Due)!;
    expect(due.params?.filters).toContainEqual({ field: 'followUps', op: 'lt', value: 1 });
    const recordSent = definition.nodes.find((n) => n.id === OutreachNode.RecordSent)!;
    expect(JSON.stringify(recordSent.params)).toContain(`$now + 4 * 86400000`);
  });

  it('without credentials, the compiler names exactly the nodes that need one (what the editor prompts for)', () => {
    const result = compile(outreachDefinition({}), registry);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const fields = result.errors.filter((e) => e.field === 'params.credentialId').map((e) => e.nodeId).sort();
    expect(fields).toEqual(
      [OutreachNode.Extract, OutreachNode.FindEmail, OutreachNode.Verify, OutreachNode.Draft, OutreachNode.Send, OutreachNode.FollowUpDraft, OutreachNode.FollowUpSend].sort(),
    );
    expect(parseDefinition(outreachDefinition({})).ok).toBe(true);
  });

  it('refuses bad parameters clearly', () => {
    expect(() => outreachDefinition({ feeds: ['not a url'] })).toThrow(/feeds/);
    expect(() => outreachDefinition({ maxFollowUps: 9 })).toThrow(/maxFollowUps/);
  });
});
