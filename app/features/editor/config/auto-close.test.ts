import { describe, expect, it } from 'vitest';
import { autoCloseEdit } from './auto-close.ts';
import { applyEdit } from './text-diff.ts';

/** Types `keys` one by one at the caret, applying the auto-close edits like the input does. */
function type(start: string, keys: string): { value: string; caret: number } {
  let value = start;
  let caret = start.length;
  for (const key of keys) {
    value = value.slice(0, caret) + key + value.slice(caret);
    caret += key.length;
    const extra = autoCloseEdit(value, caret, key);
    if (extra) {
      value = applyEdit(value, extra.edit);
      caret = extra.caret;
    }
  }
  return { value, caret };
}

describe('autoCloseEdit', () => {
  it('closes a block opened with "{{" and puts the caret inside', () => {
    expect(type('Hi ', '{{')).toEqual({ value: 'Hi {{  }}', caret: 6 });
    expect(type('Hi ', '{{$json.a')).toEqual({ value: 'Hi {{ $json.a }}', caret: 13 });
  });

  it('types through what it added, so typing a whole block gives exactly that', () => {
    expect(type('', '{{ $json.a }}').value).toBe('{{ $json.a }}');
    expect(type('x ', '{{ $json.a }} y').value).toBe('x {{ $json.a }} y');
  });

  it('keeps braces that belong to an object literal', () => {
    expect(type('', '{{ {a:{b:1}}').value).toBe('{{ {a:{b:1}} }}');
  });

  it('leaves escaped braces and already-closed blocks alone', () => {
    expect(autoCloseEdit('\\{{', 3, '{')).toBeNull();
    expect(autoCloseEdit('{{ }}', 2, '{')).toBeNull();
    expect(autoCloseEdit('a}}', 3, '}')).toBeNull();
  });
});

describe('autoCloseEdit with unfinished expressions', () => {
  it('types through the closer even when the expression does not parse yet', () => {
    expect(type('', '{{ $json. }}').value).toBe('{{ $json. }}');
  });
});
