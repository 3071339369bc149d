'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import { Alert } from '../../../components/Alert.tsx';
import { Button } from '../../../components/Button.tsx';
import { Dialog } from '../../../components/Dialog.tsx';
import { Field, Input, Select } from '../../../components/Input.tsx';
import { Spinner } from '../../../components/Spinner.tsx';
import { useToast } from '../../../components/Toast.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import {
  credentialFields,
  credentialPayload,
  fieldErrorsFromIssues,
  initialValues,
  keepsStoredSecret,
  mustFill,
  validateCredentialForm,
  type CredentialField,
  type StoredCredential,
} from './credential-form-model.ts';
import { NestedDialogBoundary } from './NestedDialogBoundary.tsx';
import { useCredentialKinds, type CredentialKindInfo } from './use-credential-kinds.ts';

export type CredentialFormDialogProps = {
  open: boolean;
  onClose(): void;
  workspaceId: string;
  /** Preselects (and fixes) the kind of a new credential, e.g. the kind a node asks for. */
  kind?: string;
  /** Edits this credential instead of creating one. */
  credentialId?: string;
  onSaved?(id: string): void;
};

/**
 * Creates or edits a workspace credential with a form generated from its kind's JSON Schema.
 * Secrets are write-only: an edit shows that one is saved, never its value; left empty it is kept.
 */
export function CredentialFormDialog(props: CredentialFormDialogProps) {
  if (!props.open) return null;
  return (
    <NestedDialogBoundary>
      <Loader key={props.credentialId ?? `new:${props.kind ?? ''}`} {...props} />
    </NestedDialogBoundary>
  );
}

function Loader({ onClose, workspaceId, kind, credentialId, onSaved }: CredentialFormDialogProps) {
  const trpc = useTRPC();
  const { kinds, byKind, loading } = useCredentialKinds();
  const stored = useQuery(
    trpc.credential.get.queryOptions({ workspaceId, credentialId: credentialId ?? '' }, { enabled: !!credentialId, staleTime: 0, gcTime: 0 }),
  );
  const title = credentialId ? 'Edit credential' : 'New credential';

  if (loading || (credentialId && stored.isPending)) {
    return (
      <Dialog open onClose={onClose} title={title} data-testid="credential-form">
        <div className="flex items-center gap-2 py-6 text-[13px] text-muted">
          <Spinner size={14} /> Loading…
        </div>
      </Dialog>
    );
  }
  if (credentialId && stored.isError) {
    return (
      <Dialog open onClose={onClose} title={title} data-testid="credential-form">
        <Alert tone="error">{errorMessage(stored.error)}</Alert>
      </Dialog>
    );
  }
  const existing = credentialId ? stored.data : undefined;
  return (
    <CredentialForm
      onClose={onClose}
      workspaceId={workspaceId}
      kinds={kinds}
      initialKind={existing?.kind ?? (kind && byKind.has(kind) ? kind : (kinds[0]?.kind ?? ''))}
      kindFixed={!!existing || (!!kind && byKind.has(kind))}
      existing={existing ? { id: existing.id, name: existing.name, stored: { fields: existing.fields, secretsSet: existing.secretsSet } } : undefined}
      onSaved={onSaved}
    />
  );
}

type FormProps = {
  onClose(): void;
  workspaceId: string;
  kinds: readonly CredentialKindInfo[];
  initialKind: string;
  kindFixed: boolean;
  existing: { id: string; name: string; stored: StoredCredential } | undefined;
  onSaved: ((id: string) => void) | undefined;
};

function CredentialForm({ onClose, workspaceId, kinds, initialKind, kindFixed, existing, onSaved }: FormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [kind, setKind] = useState(initialKind);
  const kindInfo = kinds.find((k) => k.kind === kind);
  const fields = kindInfo ? credentialFields(kindInfo) : [];
  const [name, setName] = useState(existing?.name ?? kindInfo?.displayName ?? '');
  const [nameTouched, setNameTouched] = useState(!!existing);
  const [values, setValues] = useState(() => initialValues(fields, existing?.stored));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const saved = async (id: string, label: string) => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.credential.list.pathFilter()),
      queryClient.invalidateQueries(trpc.credential.get.pathFilter()),
      // A new AI provider configures the copilot.
      queryClient.invalidateQueries(trpc.copilot.status.pathFilter()),
    ]);
    toast({ tone: 'success', title: existing ? `Saved “${label}”` : `Created “${label}”` });
    onSaved?.(id);
    onClose();
  };
  const failed = (error: unknown) => {
    const issues = error instanceof TRPCClientError ? (error.data as { issues?: { path: string; message: string }[] } | undefined)?.issues : undefined;
    const byField = fieldErrorsFromIssues(issues);
    setErrors(byField);
    setFormError(Object.keys(byField).length ? null : errorMessage(error));
  };
  const create = useMutation(trpc.credential.create.mutationOptions({ onSuccess: ({ id }, input) => saved(id, input.name), onError: failed }));
  const update = useMutation(
    trpc.credential.update.mutationOptions({ onSuccess: (_r, input) => saved(input.credentialId, input.name ?? name), onError: failed }),
  );
  const pending = create.isPending || update.isPending;

  const chooseKind = (next: string) => {
    const info = kinds.find((k) => k.kind === next);
    setKind(next);
    setValues(initialValues(info ? credentialFields(info) : []));
    setErrors({});
    if (!nameTouched) setName(info?.displayName ?? '');
  };

  const submit = () => {
    setFormError(null);
    const found = validateCredentialForm(fields, values, name, existing?.stored);
    setErrors(found);
    if (Object.keys(found).length) return;
    const data = credentialPayload(fields, values, existing?.stored);
    if (existing) update.mutate({ workspaceId, credentialId: existing.id, name: name.trim(), data });
    else create.mutate({ workspaceId, name: name.trim(), kind, data });
  };

  return (
    <Dialog
      open
      onClose={onClose}
      busy={pending}
      title={existing ? `Edit ${existing.name}` : 'New credential'}
      description={kindInfo?.description}
      onSubmit={submit}
      data-testid="credential-form"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={pending} disabled={!kindInfo} data-testid="credential-save">
            {existing ? 'Save changes' : 'Create credential'}
          </Button>
        </>
      }
    >
      {/* Long kinds (OAuth2) outgrow short screens: the fields scroll, title and buttons stay. */}
      <div className="-mx-5 -my-1 flex max-h-[min(60vh,560px)] flex-col gap-4 overflow-y-auto px-5 py-1">
        {kindFixed ? null : (
          <Field label="Kind">
            <Select value={kind} onChange={(e) => chooseKind(e.target.value)} data-testid="credential-kind" className="w-full">
              {kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.displayName}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field label="Name" error={errors.$name} hint={kindFixed && kindInfo ? kindInfo.displayName : 'How nodes and people will refer to it'}>
          <Input
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setNameTouched(true);
            }}
            maxLength={120}
            data-autofocus
            data-testid="credential-name"
          />
        </Field>
        {fields.length ? <div className="h-px bg-line" aria-hidden /> : null}
        {fields.map((field) => (
          <CredentialInput
            key={`${kind}:${field.name}`}
            field={field}
            value={values[field.name] ?? ''}
            error={errors[field.name]}
            keeps={keepsStoredSecret(field, existing?.stored)}
            onChange={(value) => setValues((v) => ({ ...v, [field.name]: value }))}
          />
        ))}
        {formError ? <Alert tone="error">{formError}</Alert> : null}
      </div>
    </Dialog>
  );
}

function CredentialInput({
  field,
  value,
  error,
  keeps,
  onChange,
}: {
  field: CredentialField;
  value: string;
  error: string | undefined;
  keeps: boolean;
  onChange(value: string): void;
}) {
  const label = (
    <>
      {field.label}
      {mustFill(field) && !keeps ? <span className="text-danger-text"> *</span> : null}
      {!field.required ? <span className="font-normal text-faint"> (optional)</span> : null}
    </>
  );
  const hint = keeps ? `${field.hint ? `${field.hint}. ` : ''}Saved — leave empty to keep it.` : field.hint;
  const testId = `credential-field-${field.name}`;
  if (field.control === 'select') {
    return (
      <Field label={label} hint={hint} error={error}>
        <Select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} className="w-full">
          {field.options?.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </Select>
      </Field>
    );
  }
  return (
    <Field label={label} hint={hint} error={error}>
      <Input
        type={field.control === 'password' ? 'password' : field.control === 'url' ? 'url' : field.control === 'number' ? 'number' : 'text'}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={keeps ? '•••••••• saved — leave empty to keep' : field.defaultValue}
        autoComplete={field.secret ? 'new-password' : 'off'}
        spellCheck={false}
        className={field.secret || field.control === 'url' ? 'font-mono text-[13px]' : undefined}
        data-testid={testId}
        data-secret={field.secret || undefined}
      />
    </Field>
  );
}
