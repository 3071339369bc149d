'use client';

import { Switch, SelectInput } from '../controls.tsx';
import { useParamForm } from '../param-form-context.ts';
import { branchOf, newBranchValue, type FieldSpec, type GroupField as GroupSpec, type UnionField as UnionSpec } from '../schema-fields.ts';
import { pathKey } from '../value-path.ts';
import { FieldList } from './FieldList.tsx';
import { FieldShell } from './FieldShell.tsx';
import type { FieldProps } from './ParamField.tsx';

/** A new group value: each field's default, empty text for required text. */
function newGroup(fields: readonly FieldSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f.defaultValue !== undefined) out[f.key] = structuredClone(f.defaultValue);
  return out;
}

/** Nested settings shown as a bordered section. An optional group without a default can be switched off (removed). */
export function GroupField({ field, path, value }: FieldProps<GroupSpec>) {
  const form = useParamForm();
  const key = pathKey(path);
  const optional = !field.required && field.defaultValue === undefined;
  const enabled = !optional || value !== undefined;
  return (
    <section className="flex flex-col gap-2 rounded-lg border border-line p-2.5" aria-label={field.label} data-testid={`param-${key}`}>
      <FieldShell
        nodeId={form.nodeId}
        path={key}
        label={<span className="text-[12.5px] font-semibold">{field.label}</span>}
        required={field.required}
        help={field.help}
        issues={form.issuesAt(key)}
        presence={false}
        inline={optional}
      >
        {(ids) =>
          optional ? (
            <Switch
              id={ids.id}
              label={`Use ${field.label}`}
              checked={enabled}
              disabled={form.readOnly}
              onChange={(on) => form.write(path, on ? newGroup(field.fields) : undefined)}
              data-testid={`param-${key}-enabled`}
            />
          ) : null
        }
      </FieldShell>
      {enabled ? (
        <div className="flex flex-col gap-3 border-t border-line pt-2.5">
          <FieldList fields={field.fields} path={path} value={value ?? {}} />
        </div>
      ) : null}
    </section>
  );
}

/** One of several shapes (body: none/json/form/raw): a kind selector, then that kind's fields. */
export function UnionField({ field, path, value }: FieldProps<UnionSpec>) {
  const form = useParamForm();
  const key = pathKey(path);
  const branch = branchOf(field, value);
  const current = value ?? field.defaultValue;
  return (
    <div className="flex flex-col gap-2" data-testid={`field-${key}-union`}>
      <FieldShell nodeId={form.nodeId} path={key} label={field.label} required={field.required} help={field.help} issues={form.issuesAt(key)}>
        {(ids) => (
          <SelectInput
            id={ids.id}
            aria-describedby={ids.describedBy}
            aria-invalid={ids.invalid || undefined}
            disabled={form.readOnly}
            value={String(field.branches.indexOf(branch))}
            onChange={(event) => {
              const chosen = field.branches[Number(event.target.value)]!;
              if (chosen !== branch) form.write(path, newBranchValue(field, chosen));
            }}
            data-testid={`param-${key}`}
          >
            {field.branches.map((b, i) => (
              <option key={String(b.value)} value={String(i)}>
                {b.label}
              </option>
            ))}
          </SelectInput>
        )}
      </FieldShell>
      {branch.fields.length > 0 ? (
        <div className="ml-1 flex flex-col gap-3 border-l-2 border-line pl-3">
          <FieldList fields={branch.fields} path={path} value={current} />
        </div>
      ) : null}
    </div>
  );
}
