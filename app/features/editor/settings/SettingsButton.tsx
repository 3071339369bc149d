'use client';

import { useState } from 'react';
import { Button } from '../../../components/Button.tsx';
import { SettingsDialog } from './SettingsDialog.tsx';
import { GearIcon } from './settings-icons.tsx';

/** The top bar's gear: opens the workflow settings (credentials, members, webhook URLs). */
export function SettingsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        className="size-8"
        onClick={() => setOpen(true)}
        aria-label="Workflow settings"
        aria-haspopup="dialog"
        title="Workflow settings"
        data-testid="settings-button"
      >
        <GearIcon size={16} />
      </Button>
      <SettingsDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}
