'use client';

import { useState } from 'react';
import { ExpressionInput } from '../ExpressionInput.tsx';
import { useParamForm } from '../param-form-context.ts';
import type { JsonField as JsonSpec } from '../schema-fields.ts';
import { useValueBinding } from '../text-binding.ts';
import { pathKey } from '../value-path.ts';
import { FieldShell } from './FieldShell.tsx';
import type { FieldProps } from './ParamField.tsx';

/** How a value reads in the editor: expressions as written, everything else as indented JSON. */
export function formatJson(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string' && value.includes('{{')) return value;
  return JSON.stringify(value, null, 2);
}

/** What the text means: JSON, an expression kept as text, or a reason it is neither. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    if (text.includes('{{')) return { ok: true, value: text };
    return { ok: false, error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Any value as JSON text. Only text that parses is written (or an expression, kept as text);
 * while it does not, the draft stays local and the reason shows under the field.
 */
export function JsonField({ field, path, value }: FieldProps<JsonSpec>) {
  const form = useParamForm();
  const key = pathKey(path);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const text = draft ?? formatJson(value);
  const binding = useValueBinding(text, (next) => {
    setDraft(next);
    const parsed = parseJsonText(next);
    if (!parsed.ok) return setError(parsed.error);
    setError(null);
    form.write(path, parsed.value);
  });
  return (
    <FieldShell nodeId={form.nodeId} path={key} label={field.label} required={field.required} help={field.help} issues={form.issuesAt(key)} localError={error}>
      {(ids) => (
        <div
          onBlur={() => {
            if (!error) setDraft(null); // show the stored value, formatted
          }}
        >
          <ExpressionInput
            binding={binding}
            multiline
            mono
            expression
            id={ids.id}
            placeholder={field.defaultValue !== undefined ? formatJson(field.defaultValue) : '{ "key": "value" }'}
            disabled={form.readOnly}
            completionData={form.completionData}
            aria-invalid={ids.invalid || undefined}
            aria-describedby={ids.describedBy}
            data-testid={`param-${key}`}
          />
        </div>
      )}
    </FieldShell>
  );
}
