import type { Metadata } from 'next';
import { AcceptInvite } from '../../features/invite/AcceptInvite.tsx';

export const metadata: Metadata = { title: 'Join a workspace' };

export default function InvitePage() {
  return <AcceptInvite />;
}
