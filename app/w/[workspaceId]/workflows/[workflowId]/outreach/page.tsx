import type { Metadata } from 'next';
import { OutreachPage } from '../../../../../features/outreach/OutreachPage.tsx';

export const metadata: Metadata = { title: 'Outreach' };

export default function WorkflowOutreachPage() {
  return <OutreachPage />;
}
