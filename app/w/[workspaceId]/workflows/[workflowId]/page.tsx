import type { Metadata } from 'next';
import { WorkflowEditorPage } from '../../../../features/editor/WorkflowEditorPage.tsx';

export const metadata: Metadata = { title: 'Workflow' };

export default function WorkflowPage() {
  return <WorkflowEditorPage />;
}
