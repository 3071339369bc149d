import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createUndoManager } from '../undo.ts';
import { definitionFromDoc } from '../workflow-doc.ts';
import { addNode } from './nodes.ts';
import { renameNodeWithReferences, renameReferences } from './node-references.ts';

describe('renaming a node updates the expressions that name it', () => {
  it('rewrites shared texts in place and nested values, leaves other names alone, is one undo step', () => {
    const doc = new Y.Doc();
    const me = {};
    addNode(doc, { id: 'a', type: 'core.set', name: 'Find founder' }, me);
    addNode(doc, {
      id: 'b',
      type: 'ai.chat',
      name: 'Draft',
      params: {
        prompt: 'Write to {{ $node["Find founder"].json.name }} at {{ $node[\'Find founder\'].json.company }} via {{ $node["Other"].json.x }}',
        fields: [{ name: 'x', value: '{{ $node["Find founder"].json.email }}' }],
      },
    }, me);
    const undo = createUndoManager(doc, me);
    undo.stopCapturing();
    renameNodeWithReferences(doc, 'a', 'Founder "lookup"', me);
    const b = definitionFromDoc(doc).nodes.find((n) => n.id === 'b')!;
    expect(b.params.prompt).toBe(
      'Write to {{ $node["Founder \\"lookup\\""].json.name }} at {{ $node[\'Founder "lookup"\'].json.company }} via {{ $node["Other"].json.x }}',
    );
    expect(b.params.fields).toEqual([{ name: 'x', value: '{{ $node["Founder \\"lookup\\""].json.email }}' }]);
    undo.undo();
    const restored = definitionFromDoc(doc);
    expect(restored.nodes.find((n) => n.id === 'a')!.name).toBe('Find founder');
    expect(restored.nodes.find((n) => n.id === 'b')!.params.prompt).toContain('$node["Find founder"]');
  });

  it('renameReferences handles every string in a value', () => {
    expect(renameReferences({ a: ['{{ $node["X"].json }}', 1] }, new Map([['X', 'Y']]))).toEqual({ a: ['{{ $node["Y"].json }}', 1] });
  });
});
