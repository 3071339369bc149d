'use client';

import { useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { XIcon } from '../../../../components/Icons.tsx';
import { cn } from '../../../../lib/cn.ts';
import { controlFrame } from '../controls.tsx';
import { useParamForm } from '../param-form-context.ts';
import type { TagsField as TagsSpec } from '../schema-fields.ts';
import { pathKey } from '../value-path.ts';
import { FieldShell } from './FieldShell.tsx';
import { JsonField } from './JsonField.tsx';
import type { FieldProps } from './ParamField.tsx';

/** A list of short strings as chips: Enter or comma adds, Backspace on an empty input removes the last. */
export function TagsField({ field, path, value }: FieldProps<TagsSpec>) {
  const form = useParamForm();
  const key = pathKey(path);
  const [draft, setDraft] = useState('');
  if (value !== undefined && !(Array.isArray(value) && value.every((v) => typeof v === 'string'))) {
    return <JsonField field={{ ...field, kind: 'json' }} path={path} value={value} />;
  }
  const tags: string[] = value ?? [];
  const full = field.maxItems !== undefined && tags.length >= field.maxItems;
  const add = (texts: string[]) => {
    const fresh = texts.map((t) => t.trim()).filter((t) => t && !tags.includes(t));
    if (fresh.length) form.write(path, [...tags, ...new Set(fresh)]);
    setDraft('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if ((event.key === 'Enter' || event.key === ',') && draft.trim()) {
      event.preventDefault();
      add([draft]);
    } else if (event.key === 'Backspace' && draft === '' && tags.length > 0) {
      form.write(path, tags.slice(0, -1));
    }
  };
  const onPaste = (event: ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData.getData('text');
    if (!/[,\n]/.test(text)) return;
    event.preventDefault();
    add(text.split(/[,\n]/));
  };
  return (
    <FieldShell nodeId={form.nodeId} path={key} label={field.label} required={field.required} help={field.help} issues={form.issuesAt(key)}>
      {(ids) => (
        <div className={cn(controlFrame, 'flex min-h-8 flex-wrap items-center gap-1 px-1.5 py-1')}>
          {tags.map((tag, index) => (
            <span key={tag} className="inline-flex h-6 max-w-full items-center gap-1 rounded bg-subtle pr-0.5 pl-1.5 font-mono text-[12px] text-fg ring-1 ring-line ring-inset" data-testid={`param-${key}-tag`}>
              <span className="truncate">{tag}</span>
              <button
                type="button"
                aria-label={`Remove ${tag}`}
                disabled={form.readOnly}
                onClick={() => form.write(path, tags.filter((_, i) => i !== index))}
                className="rounded p-0.5 text-faint hover:bg-hover hover:text-fg disabled:hidden"
              >
                <XIcon size={11} />
              </button>
            </span>
          ))}
          <input
            id={ids.id}
            value={draft}
            disabled={form.readOnly || full}
            placeholder={tags.length ? '' : 'Type and press Enter'}
            aria-describedby={ids.describedBy}
            aria-invalid={ids.invalid || undefined}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onBlur={() => draft.trim() && add([draft])}
            className="h-6 min-w-20 flex-1 bg-transparent px-1 text-[13px] text-fg outline-none placeholder:text-faint disabled:cursor-not-allowed"
            data-testid={`param-${key}`}
          />
        </div>
      )}
    </FieldShell>
  );
}
