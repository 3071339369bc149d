'use client';

import { Badge } from '../../../components/Badge.tsx';
import { useConnectionStatus, useEditorSession } from './editor-session.ts';

/** Whether edits are reaching the others right now; viewers also see that they cannot edit. */
export function ConnectionBadge() {
  const status = useConnectionStatus();
  const { readOnly } = useEditorSession();
  return (
    <span className="flex items-center gap-1.5" data-testid="connection-status" data-status={status}>
      {status === 'offline' ? <Badge tone="warning">Offline — changes sync on reconnect</Badge> : null}
      {status === 'connecting' ? <Badge>Connecting…</Badge> : null}
      {readOnly ? <span data-testid="read-only-badge"><Badge>View only</Badge></span> : null}
    </span>
  );
}
