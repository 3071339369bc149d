'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field, Input } from '../../components/Input.tsx';
import { errorCode, errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { columnNameError } from './column-names.ts';

const MAX_NAME = 120;

type Props = {
  open: boolean;
  onClose: () => void;
  workspaceId: string;
  /** Present: rename this table; absent: create one. */
  table?: { id: string; name: string } | undefined;
  onDone: (table: { id: string; name: string }) => void;
};

/** Create a table (name, optional starting columns) or rename one. */
export function TableNameDialog({ open, onClose, workspaceId, table, onDone }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(table?.name ?? '');
  const [columns, setColumns] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [columnsError, setColumnsError] = useState<string | null>(null);
  const done = async (result: { id: string; name: string }) => {
    await queryClient.invalidateQueries(trpc.dataTable.pathFilter());
    onDone(result);
    close();
  };
  const create = useMutation(trpc.dataTable.create.mutationOptions({ onSuccess: done }));
  const rename = useMutation(trpc.dataTable.rename.mutationOptions({ onSuccess: done }));
  const pending = create.isPending || rename.isPending;
  const error = create.error ?? rename.error;

  function close() {
    setName(table?.name ?? '');
    setColumns('');
    setNameError(null);
    setColumnsError(null);
    create.reset();
    rename.reset();
    onClose();
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={pending}
      title={table ? 'Rename table' : 'New data table'}
      description={
        table
          ? 'Workflows find tables by name: update the Data Table nodes that use the old one.'
          : 'Rows are free-form: any column can be added later, by a workflow or by hand.'
      }
      data-testid="table-name-dialog"
      onSubmit={() => {
        const trimmed = name.trim();
        if (!trimmed) return setNameError('Give the table a name');
        if (trimmed.length > MAX_NAME) return setNameError(`Use at most ${MAX_NAME} characters`);
        setNameError(null);
        if (table) return rename.mutate({ workspaceId, tableId: table.id, name: trimmed });
        const list = columns.split(',').map((c) => c.trim()).filter(Boolean);
        const bad = list.map(columnNameError).find((e) => e !== null);
        if (bad) return setColumnsError(bad);
        create.mutate({ workspaceId, name: trimmed, ...(list.length ? { columns: list } : {}) });
      }}
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={pending} data-testid="dialog-cancel">
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={pending} data-testid="table-name-submit">
            {table ? 'Rename' : 'Create table'}
          </Button>
        </>
      }
    >
      <Field label="Name" error={nameError}>
        <Input
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setNameError(null);
          }}
          placeholder="contacts"
          maxLength={MAX_NAME}
          data-autofocus
          data-testid="table-name-input"
        />
      </Field>
      {table ? null : (
        <Field label="Columns" aside={<span className="text-xs text-faint">Optional</span>} hint="Comma-separated, in the order to show them, e.g. email, name, stage" error={columnsError}>
          <Input
            value={columns}
            onChange={(e) => {
              setColumns(e.target.value);
              setColumnsError(null);
            }}
            placeholder="email, name, stage"
            data-testid="table-columns-input"
          />
        </Field>
      )}
      {error ? <Alert tone="error">{errorCode(error) === 'CONFLICT' ? `A table named “${name.trim()}” already exists` : errorMessage(error)}</Alert> : null}
    </Dialog>
  );
}
