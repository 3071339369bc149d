'use client';

import Link from 'next/link';
import type * as Y from 'yjs';
import { nodesOf, NodeField } from '../../../collab/workflow-doc.ts';
import { buttonClass } from '../../components/Button.tsx';
import { useDocValue, useEditorSession } from './session/editor-session.ts';

const SEND_EMAIL = 'outreach.sendEmail';

const sendsEmail = (doc: Y.Doc) => {
  for (const node of nodesOf(doc).values()) if (node.get(NodeField.Type) === SEND_EMAIL) return true;
  return false;
};

/** A way to the outreach view, shown once the workflow sends email. */
export function OutreachLink() {
  const { workspaceId, workflowId } = useEditorSession();
  const visible = useDocValue(sendsEmail);
  if (!visible) return null;
  return (
    <Link href={`/w/${workspaceId}/workflows/${workflowId}/outreach`} className={buttonClass('ghost', 'sm', 'max-md:hidden')} data-testid="outreach-link">
      Outreach
    </Link>
  );
}
