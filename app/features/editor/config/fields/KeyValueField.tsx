'use client';

import { useState } from 'react';
import { PlusIcon, XIcon } from '../../../../components/Icons.tsx';
import { IconButton, TextInput } from '../controls.tsx';
import { useParamForm } from '../param-form-context.ts';
import { sameJson } from '../same-json.ts';
import type { KeyValueField as KeyValueSpec } from '../schema-fields.ts';
import { pathKey } from '../value-path.ts';
import { FieldShell } from './FieldShell.tsx';
import { JsonField } from './JsonField.tsx';
import type { FieldProps } from './ParamField.tsx';

type Row = { key: string; value: string };

const toObject = (rows: readonly Row[]) => Object.fromEntries(rows.filter((r) => r.key.trim() !== '').map((r) => [r.key, r.value]));

/** A string-to-string map as editable rows; rows without a name are kept locally until named. */
export function KeyValueField({ field, path, value }: FieldProps<KeyValueSpec>) {
  const form = useParamForm();
  const key = pathKey(path);
  const valid = value === undefined || (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string'));
  const fromValue = (): Row[] => Object.entries((valid ? value : undefined) ?? {}).map(([k, v]) => ({ key: k, value: String(v) }));
  const [rows, setRows] = useState<Row[]>(fromValue);
  // A peer's change replaces the rows unless they already say the same.
  const [seen, setSeen] = useState(value);
  if (!sameJson(seen, value)) {
    setSeen(value);
    if (!sameJson(toObject(rows), value ?? {})) setRows(fromValue());
  }
  if (!valid) return <JsonField field={{ ...field, kind: 'json' }} path={path} value={value} />;

  const update = (next: Row[]) => {
    setRows(next);
    const object = toObject(next);
    if (!sameJson(object, value ?? {})) form.write(path, Object.keys(object).length || field.required ? object : undefined);
  };
  const duplicate = (index: number) => rows.findIndex((r) => r.key.trim() !== '' && r.key === rows[index]!.key) !== index;

  return (
    <FieldShell nodeId={form.nodeId} path={key} label={field.label} required={field.required} help={field.help} issues={form.issuesAt(key)} helpFirst>
      {(ids) => (
        <div className="flex flex-col gap-1.5" id={ids.id} data-testid={`param-${key}`}>
          {rows.map((row, index) => (
            <div key={index} className="flex items-center gap-1.5">
              <TextInput
                aria-label={`Name ${index + 1}`}
                placeholder="Name"
                value={row.key}
                disabled={form.readOnly}
                aria-invalid={duplicate(index) || undefined}
                title={duplicate(index) ? 'This name is used twice; the last one wins' : undefined}
                onChange={(event) => update(rows.map((r, i) => (i === index ? { ...r, key: event.target.value } : r)))}
                className="w-2/5 font-mono"
                data-testid={`param-${key}-key-${index}`}
              />
              <TextInput
                aria-label={`Value ${index + 1}`}
                placeholder="Value"
                value={row.value}
                disabled={form.readOnly}
                onChange={(event) => update(rows.map((r, i) => (i === index ? { ...r, value: event.target.value } : r)))}
                className="min-w-0 flex-1"
                data-testid={`param-${key}-value-${index}`}
              />
              <IconButton label={`Remove row ${index + 1}`} disabled={form.readOnly} onClick={() => update(rows.filter((_, i) => i !== index))}>
                <XIcon size={13} />
              </IconButton>
            </div>
          ))}
          <button
            type="button"
            disabled={form.readOnly}
            onClick={() => setRows([...rows, { key: '', value: '' }])}
            className="flex h-7 items-center gap-1 self-start rounded-md px-1.5 text-[12.5px] font-medium text-accent-text hover:bg-accent-soft disabled:opacity-50"
            data-testid={`param-${key}-add`}
          >
            <PlusIcon size={13} /> Add entry
          </button>
        </div>
      )}
    </FieldShell>
  );
}
