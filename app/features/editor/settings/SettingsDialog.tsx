'use client';

import { useState, type ReactNode } from 'react';
import { Dialog } from '../../../components/Dialog.tsx';
import { UsersIcon } from '../../../components/Icons.tsx';
import { cn } from '../../../lib/cn.ts';
import { useEditorSession } from '../session/editor-session.ts';
import { CredentialsTab } from './CredentialsTab.tsx';
import { MembersTab } from './MembersTab.tsx';
import { WebhooksTab } from './WebhooksTab.tsx';
import { KeyIcon, WebhookIcon } from './settings-icons.tsx';

export type SettingsTab = 'credentials' | 'members' | 'webhooks';

const TABS: { id: SettingsTab; label: string; icon: ReactNode }[] = [
  { id: 'credentials', label: 'Credentials', icon: <KeyIcon size={14} /> },
  { id: 'members', label: 'Members', icon: <UsersIcon size={14} /> },
  { id: 'webhooks', label: 'Webhooks', icon: <WebhookIcon size={14} /> },
];

/** Workflow settings: the workspace's credentials and members, and this workflow's webhook URLs. */
export function SettingsDialog({ open, onClose, initialTab = 'credentials' }: { open: boolean; onClose(): void; initialTab?: SettingsTab }) {
  return (
    <Dialog open={open} onClose={onClose} title="Workflow settings" size="lg" data-testid="settings-dialog">
      {open ? <SettingsTabs initialTab={initialTab} onClose={onClose} /> : null}
    </Dialog>
  );
}

function SettingsTabs({ initialTab, onClose }: { initialTab: SettingsTab; onClose(): void }) {
  const session = useEditorSession();
  const [tab, setTab] = useState<SettingsTab>(initialTab);
  const canEdit = session.role !== 'viewer';

  return (
    <div className="-mt-1 flex flex-col gap-4">
      <div role="tablist" aria-label="Settings sections" className="-mx-5 flex gap-1 border-b border-line px-5">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`settings-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`settings-panel-${t.id}`}
            data-testid={`settings-tab-${t.id}`}
            onClick={() => setTab(t.id)}
            className={cn(
              '-mb-px flex items-center gap-1.5 border-b-2 px-2.5 py-2 text-[13px] font-medium transition-colors',
              tab === t.id ? 'border-accent text-fg' : 'border-transparent text-muted hover:text-fg',
            )}
          >
            <span className={tab === t.id ? 'text-accent-text' : 'text-faint'}>{t.icon}</span>
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`settings-panel-${tab}`}
        aria-labelledby={`settings-tab-${tab}`}
        className="max-h-[min(60vh,520px)] min-h-64 overflow-y-auto"
      >
        {tab === 'credentials' ? (
          <CredentialsTab workspaceId={session.workspaceId} canEdit={canEdit} />
        ) : tab === 'members' ? (
          <MembersTab workspaceId={session.workspaceId} role={session.role} selfId={session.self.id} />
        ) : (
          <WebhooksTab
            workflowId={session.workflowId}
            onOpenVersions={() => {
              session.store.getState().openPanel('versions');
              onClose();
            }}
          />
        )}
      </div>
    </div>
  );
}
