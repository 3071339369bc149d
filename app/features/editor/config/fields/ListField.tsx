'use client';

import { ChevronDownIcon, PlusIcon, TrashIcon } from '../../../../components/Icons.tsx';
import { cn } from '../../../../lib/cn.ts';
import { IconButton } from '../controls.tsx';
import { useParamForm } from '../param-form-context.ts';
import type { ListField as ListSpec } from '../schema-fields.ts';
import { moveItem, pathKey, removeItem } from '../value-path.ts';
import { FieldList } from './FieldList.tsx';
import { CompactFields, FieldShell } from './FieldShell.tsx';
import { JsonField } from './JsonField.tsx';
import type { FieldProps } from './ParamField.tsx';

const SHORT = new Set(['text', 'scalar', 'number', 'select']);

/** A short title for an item card: its first non-empty text field. */
function summaryOf(item: unknown): string {
  if (!item || typeof item !== 'object') return '';
  for (const value of Object.values(item)) if (typeof value === 'string' && value.trim()) return value.trim();
  return '';
}

/** Repeatable groups (headers, conditions, rules): add, remove and reorder items. */
export function ListField({ field, path, value }: FieldProps<ListSpec>) {
  const form = useParamForm();
  const key = pathKey(path);
  if (value !== undefined && !Array.isArray(value)) return <JsonField field={{ ...field, kind: 'json' }} path={path} value={value} />;
  const items: unknown[] = value ?? [];
  const full = field.maxItems !== undefined && items.length >= field.maxItems;
  const write = (next: unknown[]) => form.write(path, next);
  // Two short fields (a header's name and value) sit side by side.
  const sideBySide = field.itemFields.length === 2 && field.itemFields.every((f) => SHORT.has(f.kind) && !(f.kind === 'text' && f.multiline));

  return (
    <FieldShell nodeId={form.nodeId} path={key} label={field.label} required={field.required} help={field.help} issues={form.issuesAt(key)} presence={false} helpFirst>
      {() => (
        <div className="flex flex-col gap-2" data-testid={`param-${key}`}>
          {items.map((item, index) => {
            const itemPath = [...path, index];
            const summary = summaryOf(item);
            return (
              <section
                key={index}
                className="rounded-lg border border-line bg-subtle/40"
                aria-label={`${field.itemLabel} ${index + 1}`}
                data-testid={`param-${key}-item-${index}`}
              >
                <header className="flex h-8 items-center gap-1 border-b border-line pr-1 pl-2.5">
                  <span className="text-[11px] font-semibold text-muted tabular-nums">{index + 1}</span>
                  <span className="min-w-0 flex-1 truncate text-[12px] text-faint">{summary}</span>
                  <IconButton label={`Move ${field.itemLabel.toLowerCase()} ${index + 1} up`} disabled={form.readOnly || index === 0} onClick={() => write(moveItem(items, index, index - 1))} data-testid={`param-${key}-up-${index}`}>
                    <ChevronDownIcon size={14} className="rotate-180" />
                  </IconButton>
                  <IconButton label={`Move ${field.itemLabel.toLowerCase()} ${index + 1} down`} disabled={form.readOnly || index === items.length - 1} onClick={() => write(moveItem(items, index, index + 1))} data-testid={`param-${key}-down-${index}`}>
                    <ChevronDownIcon size={14} />
                  </IconButton>
                  <IconButton
                    label={`Remove ${field.itemLabel.toLowerCase()} ${index + 1}`}
                    disabled={form.readOnly}
                    onClick={() => write(removeItem(items, index))}
                    className="hover:bg-danger-soft hover:text-danger-text"
                    data-testid={`param-${key}-remove-${index}`}
                  >
                    <TrashIcon size={13} />
                  </IconButton>
                </header>
                <div className={cn('gap-x-2 gap-y-3 p-2.5', sideBySide ? 'grid grid-cols-2' : 'flex flex-col')}>
                  {form.issuesAt(pathKey(itemPath)).length > 0 ? (
                    <p className="col-span-2 text-[11.5px] text-danger-text" data-testid={`param-error-${pathKey(itemPath)}`}>
                      {form.issuesAt(pathKey(itemPath)).map((i) => i.message).join('; ')}
                    </p>
                  ) : null}
                  <CompactFields.Provider value>
                    <FieldList fields={field.itemFields} path={itemPath} value={item} />
                  </CompactFields.Provider>
                </div>
              </section>
            );
          })}
          <button
            type="button"
            disabled={form.readOnly || full}
            onClick={() => write([...items, structuredClone(field.newItem)])}
            className={cn(
              'flex h-8 items-center justify-center gap-1.5 rounded-md border border-dashed border-line-strong text-[12.5px] font-medium text-muted transition-colors',
              'hover:border-accent hover:bg-accent-soft hover:text-accent-text disabled:pointer-events-none disabled:opacity-50',
            )}
            data-testid={`param-${key}-add`}
          >
            <PlusIcon size={14} /> Add {field.itemLabel.toLowerCase()}
          </button>
        </div>
      )}
    </FieldShell>
  );
}
