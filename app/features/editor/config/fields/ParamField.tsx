'use client';

import { memo, useState, type KeyboardEvent } from 'react';
import { cn } from '../../../../lib/cn.ts';
import { CodeEditor } from '../CodeEditor.tsx';
import { Switch, SelectInput, TextInput } from '../controls.tsx';
import { ExpressionInput } from '../ExpressionInput.tsx';
import { useParamForm } from '../param-form-context.ts';
import type { BooleanField, FieldSpec, NumberField, ScalarField, SelectField, TextField } from '../schema-fields.ts';
import { displayText, useValueBinding, type TextBinding } from '../text-binding.ts';
import { pathKey, type Path } from '../value-path.ts';
import { CredentialField } from './CredentialField.tsx';
import { FieldShell } from './FieldShell.tsx';
import { GroupField, UnionField } from './GroupField.tsx';
import { JsonField } from './JsonField.tsx';
import { KeyValueField } from './KeyValueField.tsx';
import { ListField } from './ListField.tsx';
import { TagsField } from './TagsField.tsx';

export type FieldProps<F extends FieldSpec = FieldSpec> = { field: F; path: Path; value: unknown };

const isExpression = (value: unknown) => typeof value === 'string' && value.includes('{{');

/** One param field of any kind; memoised on its value so typing elsewhere does not re-render it. */
export const ParamField = memo(
  function ParamField({ field, path, value }: FieldProps) {
    switch (field.kind) {
      case 'text':
        return <TextParam field={field} path={path} value={value} />;
      case 'scalar':
        return <ScalarParam field={field} path={path} value={value} />;
      case 'number':
      case 'select':
      case 'boolean':
        return <FixedOrExpression field={field} path={path} value={value} />;
      case 'list':
        return <ListField field={field} path={path} value={value} />;
      case 'tags':
        return <TagsField field={field} path={path} value={value} />;
      case 'keyValue':
        return <KeyValueField field={field} path={path} value={value} />;
      case 'group':
        return <GroupField field={field} path={path} value={value} />;
      case 'union':
        return <UnionField field={field} path={path} value={value} />;
      case 'credential':
        return <CredentialField field={field} path={path} value={value} />;
      case 'json':
        return <JsonField field={field} path={path} value={value} />;
    }
  },
  (a, b) => a.field === b.field && a.value === b.value && pathKey(a.path) === pathKey(b.path),
);

/** The binding a string at `path` edits: the shared Y.Text for a top-level param, else the surrounding value. */
export function useTextAt(path: Path, value: unknown): TextBinding {
  const form = useParamForm();
  const nested = useValueBinding(displayText(value), (next) => form.write(path, next));
  return path.length === 1 ? form.textBinding(String(path[0])) : nested;
}

function placeholderOf(field: FieldSpec): string | undefined {
  if (field.defaultValue === undefined || field.defaultValue === '' || typeof field.defaultValue === 'object') return undefined;
  return String(field.defaultValue);
}

function TextParam({ field, path, value }: FieldProps<TextField>) {
  const form = useParamForm();
  const key = pathKey(path);
  const binding = useTextAt(path, value);
  const issues = form.issuesAt(key);
  return (
    <FieldShell nodeId={form.nodeId} path={key} label={field.label} required={field.required} help={field.help} issues={issues}>
      {(ids) =>
        field.code ? (
          <CodeEditor
            binding={binding}
            readOnly={form.readOnly}
            placeholder={placeholderOf(field)}
            invalid={ids.invalid}
            aria-label={field.label}
            aria-describedby={ids.describedBy}
            data-testid={`param-${key}`}
          />
        ) : (
          <ExpressionInput
            binding={binding}
            multiline={field.multiline}
            expression={field.expression}
            id={ids.id}
            placeholder={placeholderOf(field) ?? (field.expression && field.loose ? 'Value or {{ expression }}' : undefined)}
            disabled={form.readOnly}
            completionData={form.completionData}
            aria-invalid={ids.invalid || undefined}
            aria-describedby={ids.describedBy}
            data-testid={`param-${key}`}
          />
        )
      }
    </FieldShell>
  );
}

/** Text that becomes a number or boolean when it reads exactly as one (so "1.50" stays text while typed). */
export function coerceScalar(text: string, types: ScalarField['types']): string | number | boolean {
  if (types.includes('number') && text.trim() !== '' && String(Number(text)) === text) return Number(text);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

function ScalarParam({ field, path, value }: FieldProps<ScalarField>) {
  const form = useParamForm();
  const key = pathKey(path);
  const binding = useValueBinding(displayText(value), (next) => form.write(path, next === '' && !field.required ? undefined : coerceScalar(next, field.types)));
  return (
    <FieldShell nodeId={form.nodeId} path={key} label={field.label} required={field.required} help={field.help} issues={form.issuesAt(key)}>
      {(ids) => (
        <ExpressionInput
          binding={binding}
          expression
          id={ids.id}
          placeholder={placeholderOf(field) ?? 'Value or {{ expression }}'}
          disabled={form.readOnly}
          completionData={form.completionData}
          aria-invalid={ids.invalid || undefined}
          aria-describedby={ids.describedBy}
          data-testid={`param-${key}`}
        />
      )}
    </FieldShell>
  );
}

/**
 * Numbers, choices and switches hold a fixed value, or (toggled with "fx") an expression
 * evaluated per item, like n8n's fixed/expression switch.
 */
function FixedOrExpression({ field, path, value }: FieldProps<NumberField | SelectField | BooleanField>) {
  const form = useParamForm();
  const key = pathKey(path);
  const expression = isExpression(value);
  const binding = useTextAt(path, expression ? value : '');
  const [localError, setLocalError] = useState<string | null>(null);
  const toggle = () => {
    if (expression) form.write(path, field.defaultValue);
    else {
      const current = value ?? field.defaultValue;
      form.write(path, current === undefined ? '{{  }}' : `{{ ${JSON.stringify(current)} }}`);
    }
    setLocalError(null);
  };
  // Viewers see which fields hold expressions, but get no switch.
  const aside = form.readOnly && !expression ? null : (
    <button
      type="button"
      onClick={toggle}
      disabled={form.readOnly}
      aria-pressed={expression}
      aria-label={expression ? `Use a fixed ${field.label}` : `Use an expression for ${field.label}`}
      title={expression ? 'Use a fixed value' : 'Use an expression'}
      data-testid={`param-mode-${key}`}
      className={cn(
        'rounded px-1 font-mono text-[10.5px] font-semibold italic transition-colors disabled:opacity-50',
        expression
          ? 'bg-accent-soft text-accent-text'
          : 'text-faint opacity-0 group-focus-within/field:opacity-100 group-hover/field:opacity-100 hover:bg-hover hover:text-fg focus-visible:opacity-100',
      )}
    >
      fx
    </button>
  );
  const help = field.kind === 'number' && !expression ? withRange(field) : field.help;
  return (
    <FieldShell
      nodeId={form.nodeId}
      path={key}
      label={field.label}
      required={field.required}
      help={help}
      issues={form.issuesAt(key)}
      localError={expression ? null : localError}
      aside={aside}
      inline={field.kind === 'boolean' && !expression}
    >
      {(ids) => {
        const common = { id: ids.id, disabled: form.readOnly, 'aria-describedby': ids.describedBy, 'data-testid': `param-${key}` };
        if (expression) {
          return (
            <ExpressionInput
              binding={binding}
              expression
              {...common}
              completionData={form.completionData}
              aria-invalid={ids.invalid || undefined}
            />
          );
        }
        if (field.kind === 'boolean') {
          const checked = typeof value === 'boolean' ? value : field.defaultValue === true;
          return <Switch {...common} label={String(field.label)} checked={checked} onChange={(next) => form.write(path, next)} />;
        }
        if (field.kind === 'select') return <SelectControl field={field} path={path} value={value} ids={common} invalid={ids.invalid} />;
        return <NumberControl field={field} path={path} value={value} ids={common} invalid={ids.invalid} onLocalError={setLocalError} />;
      }}
    </FieldShell>
  );
}

function withRange(field: NumberField): string | undefined {
  const { min, max } = field;
  const range =
    min !== undefined && max !== undefined ? `${min} to ${max}` : min !== undefined ? `at least ${min}` : max !== undefined ? `at most ${max}` : null;
  if (!range) return field.help;
  if (field.help && /\d/.test(field.help)) return field.help; // the help already states it
  return field.help ? `${field.help} (${range})` : `From ${range}`;
}

type ControlIds = { id: string; disabled: boolean; 'aria-describedby': string | undefined; 'data-testid': string };

function SelectControl({ field, path, value, ids, invalid }: { field: SelectField; path: Path; value: unknown; ids: ControlIds; invalid: boolean }) {
  const form = useParamForm();
  const current = value === undefined ? field.defaultValue : value;
  const index = field.options.findIndex((o) => o.value === current);
  const unknown = index < 0 && current !== undefined;
  return (
    <SelectInput
      {...ids}
      aria-invalid={invalid || undefined}
      value={index >= 0 ? String(index) : unknown ? 'unknown' : ''}
      onChange={(event) => {
        const chosen = event.target.value;
        if (chosen === '') form.write(path, undefined);
        else if (chosen !== 'unknown') form.write(path, field.options[Number(chosen)]!.value);
      }}
    >
      {index < 0 && !unknown ? (
        <option value="" disabled={field.required}>
          {field.required ? 'Choose…' : '—'}
        </option>
      ) : !field.required && field.defaultValue === undefined ? (
        <option value="">—</option>
      ) : null}
      {unknown ? <option value="unknown">{displayText(current)} (not an option)</option> : null}
      {field.options.map((option, i) => (
        <option key={String(option.value)} value={String(i)}>
          {option.label}
        </option>
      ))}
    </SelectInput>
  );
}

function NumberControl({
  field,
  path,
  value,
  ids,
  invalid,
  onLocalError,
}: {
  field: NumberField;
  path: Path;
  value: unknown;
  ids: ControlIds;
  invalid: boolean;
  onLocalError(message: string | null): void;
}) {
  const form = useParamForm();
  // While typing, the text is kept as typed ("1." must not become "1").
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? (typeof value === 'number' ? String(value) : value === undefined ? '' : displayText(value));
  const commit = (text: string) => {
    setDraft(text);
    if (text.trim() === '') {
      onLocalError(null);
      form.write(path, undefined);
      return;
    }
    if (/^-?\.?$/.test(text.trim())) return onLocalError(null); // a number being typed
    const n = Number(text.trim());
    if (!Number.isFinite(n)) return onLocalError('Enter a number');
    if (field.integer && !Number.isInteger(n)) return onLocalError('Enter a whole number');
    onLocalError(null);
    form.write(path, n);
  };
  const step = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    const base = typeof value === 'number' ? value : typeof field.defaultValue === 'number' ? field.defaultValue : (field.min ?? 0);
    let next = base + (event.key === 'ArrowUp' ? 1 : -1) * (event.shiftKey ? 10 : 1);
    if (field.min !== undefined) next = Math.max(field.min, next);
    if (field.max !== undefined) next = Math.min(field.max, next);
    commit(String(next));
  };
  return (
    <TextInput
      {...ids}
      inputMode={field.integer ? 'numeric' : 'decimal'}
      aria-invalid={invalid || undefined}
      placeholder={placeholderOf(field)}
      value={shown}
      onChange={(event) => commit(event.target.value)}
      onKeyDown={step}
      onBlur={() => setDraft(null)}
    />
  );
}
