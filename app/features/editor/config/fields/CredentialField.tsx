'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PencilIcon } from '../../../../components/Icons.tsx';
import { useTRPC } from '../../../../lib/trpc.ts';
import { useEditorSession } from '../../session/editor-session.ts';
import { CredentialFormDialog } from '../../settings/CredentialFormDialog.tsx';
import { IconButton, SelectInput } from '../controls.tsx';
import { useParamForm } from '../param-form-context.ts';
import type { CredentialField as CredentialSpec } from '../schema-fields.ts';
import { pathKey } from '../value-path.ts';
import { FieldShell } from './FieldShell.tsx';
import type { FieldProps } from './ParamField.tsx';

const NONE = '';
const NEW = '__new__';
const MISSING = '__missing__';

/** The stored reference as { kind, id }: HTTP auth keeps both in an object, others keep the id alone. */
function referenceOf(field: CredentialSpec, value: unknown): { kind?: string; id?: string } {
  if (field.kindKey) {
    if (!value || typeof value !== 'object') return {};
    const v = value as Record<string, unknown>;
    return { kind: typeof v[field.kindKey] === 'string' ? (v[field.kindKey] as string) : undefined, id: typeof v.credentialId === 'string' ? v.credentialId : undefined };
  }
  return { id: typeof value === 'string' && value ? value : undefined };
}

/**
 * Picks one of the workspace's credentials of the kinds the node accepts, or creates one in
 * place ("New credential…"). Only the id is stored in the workflow; secrets never reach it.
 */
export function CredentialField({ field, path, value }: FieldProps<CredentialSpec>) {
  const form = useParamForm();
  const session = useEditorSession();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = pathKey(path);
  const [dialog, setDialog] = useState<{ credentialId?: string } | null>(null);
  const list = useQuery(trpc.credential.list.queryOptions({ workspaceId: form.workspaceId }, { staleTime: 30_000 }));
  const accepted = (list.data ?? []).filter((c) => field.kinds.includes(c.kind));
  const ref = referenceOf(field, value);
  const selected = accepted.find((c) => c.id === ref.id);
  const kindName = (kind: string) => session.credentialKinds.find((k) => k.kind === kind)?.displayName ?? kind;
  const canCreate = !form.readOnly && session.role !== 'viewer';

  const choose = (id: string | undefined, kind: string | undefined) => {
    if (!id) return form.write(path, undefined);
    form.write(path, field.kindKey ? { [field.kindKey]: kind, credentialId: id } : id);
  };

  const onSaved = async (id: string) => {
    const fresh = await queryClient.fetchQuery(trpc.credential.list.queryOptions({ workspaceId: form.workspaceId }, { staleTime: 0 }));
    const created = fresh.find((c) => c.id === id);
    if (created && field.kinds.includes(created.kind)) choose(id, created.kind);
  };

  const byKind = field.kinds.map((kind) => ({ kind, items: accepted.filter((c) => c.kind === kind) }));
  const newKind = ref.kind && field.kinds.includes(ref.kind) ? ref.kind : field.kinds.length === 1 ? field.kinds[0] : undefined;
  const help = field.help ?? (field.kinds.length === 1 ? `A ${kindName(field.kinds[0]!)} credential` : undefined);

  return (
    <FieldShell
      nodeId={form.nodeId}
      path={key}
      label={field.label}
      required={field.required}
      help={help}
      issues={form.issuesAt(key)}
      localError={ref.id && list.isSuccess && !selected ? 'This credential no longer exists or is of another kind' : null}
    >
      {(ids) => (
        <div className="flex items-center gap-1">
          <SelectInput
            id={ids.id}
            className="flex-1"
            aria-describedby={ids.describedBy}
            aria-invalid={ids.invalid || undefined}
            disabled={form.readOnly}
            value={selected ? selected.id : ref.id ? MISSING : NONE}
            onChange={(event) => {
              const chosen = event.target.value;
              if (chosen === NEW) return setDialog({});
              if (chosen === MISSING) return;
              choose(chosen || undefined, accepted.find((c) => c.id === chosen)?.kind);
            }}
            data-testid={`param-${key}`}
          >
            <option value={NONE} disabled={field.required && !!ref.id}>
              {list.isPending ? 'Loading credentials…' : field.required ? 'Choose a credential…' : 'None'}
            </option>
            {ref.id && !selected ? <option value={MISSING}>{list.isPending ? ref.id : `Missing credential (${ref.id})`}</option> : null}
            {byKind.length === 1
              ? byKind[0]!.items.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))
              : byKind
                  .filter((g) => g.items.length > 0)
                  .map((g) => (
                    <optgroup key={g.kind} label={kindName(g.kind)}>
                      {g.items.map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.name}
                        </option>
                      ))}
                    </optgroup>
                  ))}
            {canCreate ? <option value={NEW}>New credential…</option> : null}
          </SelectInput>
          {selected && canCreate ? (
            <IconButton label={`Edit ${selected.name}`} onClick={() => setDialog({ credentialId: selected.id })} data-testid={`param-${key}-edit`}>
              <PencilIcon size={13} />
            </IconButton>
          ) : null}
          <CredentialFormDialog
            open={dialog !== null}
            onClose={() => setDialog(null)}
            workspaceId={form.workspaceId}
            {...(dialog?.credentialId ? { credentialId: dialog.credentialId } : newKind ? { kind: newKind } : {})}
            onSaved={(id) => void onSaved(id)}
          />
        </div>
      )}
    </FieldShell>
  );
}
