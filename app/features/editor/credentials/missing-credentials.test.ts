import { describe, expect, it } from 'vitest';
import { missingCredentials } from './missing-credentials.ts';

const types = new Map([
  ['ai.chat', { credentials: [{ kind: 'openAi', required: true }] }],
  ['outreach.sendEmail', { credentials: [{ kind: 'smtp', required: true }] }],
  ['core.httpRequest', { credentials: [{ kind: 'httpBasic', required: false }] }],
]);

describe('missing credentials', () => {
  it('groups nodes without a credential by the kind they need, ignoring optional ones', () => {
    const nodes = [
      { id: 'a', type: 'ai.chat', params: { credentialId: '' } },
      { id: 'b', type: 'ai.chat', params: {} },
      { id: 'c', type: 'ai.chat', params: { credentialId: 'cred-1' } },
      { id: 'd', type: 'outreach.sendEmail', params: {} },
      { id: 'e', type: 'core.httpRequest', params: {} },
    ];
    expect(missingCredentials(nodes, types)).toEqual([
      { kind: 'openAi', nodeIds: ['a', 'b'] },
      { kind: 'smtp', nodeIds: ['d'] },
    ]);
  });
});
