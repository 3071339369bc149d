import { describe, expect, it } from 'vitest';
import { issuesByNode } from './use-workflow-analysis.ts';

describe('issuesByNode', () => {
  it('groups issues by node, workflow-level ones under the empty key, keeping the field when known', () => {
    expect(
      issuesByNode([
        { nodeId: 'a', field: 'url', code: 'INVALID_PARAMS', message: 'URL is required' },
        { nodeId: null, field: null, code: 'MISSING_TRIGGER', message: 'Add a trigger' },
        { nodeId: 'a', field: null, code: 'UNREACHABLE', message: 'Nothing leads here' },
      ]),
    ).toEqual({
      a: [
        { code: 'INVALID_PARAMS', message: 'URL is required', field: 'url' },
        { code: 'UNREACHABLE', message: 'Nothing leads here' },
      ],
      '': [{ code: 'MISSING_TRIGGER', message: 'Add a trigger' }],
    });
  });
});
