'use client';

import { useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { PlusIcon, XIcon } from '../../components/Icons.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { formatForEdit, parseEdited } from './cell-values.ts';
import { columnNameError } from './column-names.ts';

type Entry = { id: number; key: string; text: string };
export type EditedRow = { id: string; data: Record<string, unknown>; createdAt: string; updatedAt: string };

type Props = {
  open: boolean;
  onClose: () => void;
  /** The row to edit; absent: a new row. */
  row?: EditedRow | undefined;
  /** Columns offered as empty fields for a new row. */
  columns: string[];
  readOnly: boolean;
  onSave: (data: Record<string, unknown>) => Promise<unknown>;
};

let nextId = 1;
const entry = (key: string, text: string): Entry => ({ id: nextId++, key, text });

/**
 * Adds or edits one row as column/value pairs. Values are typed as text and read like JSON
 * when they look like it (42, true, null, [..], {..}, "quoted"); an empty value leaves the
 * column out of the row. Viewers see the same dialog with nothing editable.
 */
export function RowEditorDialog({ open, onClose, row, columns, readOnly, onSave }: Props) {
  const [entries, setEntries] = useState<Entry[]>(() => initialEntries(row, columns));
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const update = (id: number, patch: Partial<Entry>) => {
    setEntries((list) => list.map((e) => (e.id === id ? { ...e, ...patch } : e)));
    setErrors((all) => {
      const next = { ...all };
      delete next[id];
      return next;
    });
  };

  async function save() {
    const problems: Record<number, string> = {};
    const data: Record<string, unknown> = {};
    for (const e of entries) {
      const key = e.key.trim();
      if (!key && !e.text) continue;
      const bad = columnNameError(key);
      if (bad) problems[e.id] = bad;
      else if (key in data) problems[e.id] = `“${key}” appears twice`;
      else if (e.text !== '') data[key] = parseEdited(e.text);
    }
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setSaving(true);
    setFailure(null);
    try {
      await onSave(data);
      onClose();
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  const title = readOnly ? 'Row' : row ? 'Edit row' : 'Add row';
  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={saving}
      size="lg"
      title={title}
      description={
        row
          ? `Created ${formatDateTime(new Date(row.createdAt))} · updated ${formatDateTime(new Date(row.updatedAt))}`
          : 'Numbers, true/false, null, lists and objects are read as JSON; anything else is text. Leave a value empty to leave the column out.'
      }
      data-testid="row-editor"
      {...(readOnly ? {} : { onSubmit: () => void save() })}
      footer={
        readOnly ? (
          <Button variant="secondary" onClick={onClose} data-testid="dialog-cancel">
            Close
          </Button>
        ) : (
          <>
            <Button variant="secondary" onClick={onClose} disabled={saving} data-testid="dialog-cancel">
              Cancel
            </Button>
            <Button type="submit" variant="primary" loading={saving} data-testid="row-save">
              {row ? 'Save row' : 'Add row'}
            </Button>
          </>
        )
      }
    >
      <div className="flex max-h-[55vh] flex-col gap-2 overflow-y-auto pr-1" role="group" aria-label="Columns">
        <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)_28px] gap-2 text-[11px] font-medium tracking-wide text-faint uppercase">
          <span>Column</span>
          <span>Value</span>
          <span />
        </div>
        {entries.map((e, i) => (
          <div key={e.id} data-testid="row-field">
            <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)_28px] items-center gap-2">
              <input
                value={e.key}
                onChange={(ev) => update(e.id, { key: ev.target.value })}
                readOnly={readOnly}
                aria-label={`Column ${i + 1} name`}
                aria-invalid={errors[e.id] ? true : undefined}
                placeholder="column"
                maxLength={64}
                {...(i === 0 && !readOnly ? { 'data-autofocus': true } : {})}
                data-testid="row-field-key"
                className="h-8 min-w-0 rounded-md border border-line-strong bg-surface px-2.5 font-mono text-[12px] text-fg placeholder:text-faint focus:border-accent focus:ring-3 focus:ring-accent/20 focus:outline-none read-only:bg-subtle aria-[invalid=true]:border-danger"
              />
              <input
                value={e.text}
                onChange={(ev) => update(e.id, { text: ev.target.value })}
                readOnly={readOnly}
                aria-label={`Value of ${e.key || `column ${i + 1}`}`}
                placeholder={readOnly ? '' : 'empty'}
                data-testid="row-field-value"
                className="h-8 min-w-0 rounded-md border border-line-strong bg-surface px-2.5 text-[13px] text-fg placeholder:text-faint focus:border-accent focus:ring-3 focus:ring-accent/20 focus:outline-none read-only:bg-subtle"
              />
              {readOnly ? (
                <span />
              ) : (
                <button
                  type="button"
                  onClick={() => setEntries((list) => list.filter((x) => x.id !== e.id))}
                  aria-label={`Remove ${e.key || `column ${i + 1}`}`}
                  data-testid="row-field-remove"
                  className="flex size-7 items-center justify-center rounded-md text-faint hover:bg-hover hover:text-fg"
                >
                  <XIcon size={14} />
                </button>
              )}
            </div>
            {errors[e.id] ? <p className="mt-1 text-xs font-medium text-danger-text">{errors[e.id]}</p> : null}
          </div>
        ))}
        {entries.length === 0 ? <p className="py-2 text-[13px] text-faint">This row has no columns.</p> : null}
      </div>
      {readOnly ? null : (
        <Button variant="ghost" size="sm" icon={<PlusIcon size={14} />} className="self-start" onClick={() => setEntries((list) => [...list, entry('', '')])} data-testid="row-add-field">
          Add column
        </Button>
      )}
      {failure ? <Alert tone="error">{failure}</Alert> : null}
    </Dialog>
  );
}

function initialEntries(row: EditedRow | undefined, columns: string[]): Entry[] {
  if (!row) return (columns.length ? columns : ['']).map((c) => entry(c, ''));
  const keys = [...columns.filter((c) => c in row.data), ...Object.keys(row.data).filter((k) => !columns.includes(k))];
  return keys.map((k) => entry(k, formatForEdit(row.data[k])));
}
