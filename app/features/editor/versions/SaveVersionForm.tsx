'use client';

import { useState } from 'react';
import { Button } from '../../../components/Button.tsx';
import { Input } from '../../../components/Input.tsx';
import { SaveIcon } from './version-icons.tsx';

/** Saves the document as it is now as a new version, with an optional message. */
export function SaveVersionForm({ canEdit, saving, onSave }: { canEdit: boolean; saving: boolean; onSave(message: string): Promise<boolean> }) {
  const [message, setMessage] = useState('');
  return (
    <form
      className="flex items-center gap-2 border-b border-line px-4 py-3"
      onSubmit={async (event) => {
        event.preventDefault();
        if (await onSave(message.trim())) setMessage('');
      }}
    >
      <Input
        value={message}
        onChange={(e) => setMessage(e.target.value)}
        maxLength={500}
        placeholder={canEdit ? 'What changed? (optional)' : 'View only'}
        aria-label="Version message"
        disabled={!canEdit}
        className="min-w-0 flex-1"
        data-testid="version-message"
      />
      <Button type="submit" variant="primary" icon={<SaveIcon size={14} />} loading={saving} disabled={!canEdit} data-testid="version-save">
        Save version
      </Button>
    </form>
  );
}
