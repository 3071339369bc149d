import type { ReactNode } from 'react';
import { AppShell } from '../../../features/shell/AppShell.tsx';

export default function WorkspaceShellLayout({ children }: { children: ReactNode }) {
  return <AppShell>{children}</AppShell>;
}
