import { describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../../../../engine/registry.ts';
import { parseDocs, parseInline } from './docs-markdown.ts';

describe('parseDocs', () => {
  it('reads paragraphs, lists with continuation lines, and code blocks', () => {
    const blocks = parseDocs('Sends one request.\n- **auth**: a credential\n  (fetched once)\n- **retry**: 429s\nAfter.\n```js\nreturn items;\n```');
    expect(blocks).toEqual([
      { kind: 'paragraph', inline: [{ kind: 'text', text: 'Sends one request.' }] },
      {
        kind: 'list',
        items: [
          [{ kind: 'bold', text: 'auth' }, { kind: 'text', text: ': a credential (fetched once)' }],
          [{ kind: 'bold', text: 'retry' }, { kind: 'text', text: ': 429s' }],
        ],
      },
      { kind: 'paragraph', inline: [{ kind: 'text', text: 'After.' }] },
      { kind: 'code', text: 'return items;' },
    ]);
  });

  it('marks inline code and leaves other text alone', () => {
    expect(parseInline('use `{{ $json.id }}` or <b>')).toEqual([
      { kind: 'text', text: 'use ' },
      { kind: 'code', text: '{{ $json.id }}' },
      { kind: 'text', text: ' or <b>' },
    ]);
  });

  it('parses every built-in node’s docs into non-empty blocks', () => {
    for (const d of createDefaultRegistry().list()) {
      const blocks = parseDocs(d.docs);
      expect(blocks.length, d.type).toBeGreaterThan(0);
      const text = JSON.stringify(blocks);
      expect(text).not.toContain('```');
    }
  });
});
