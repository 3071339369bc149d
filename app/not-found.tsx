import type { Metadata } from 'next';
import Link from 'next/link';
import { ButtonLink } from './components/Button.tsx';
import { Logo } from './components/Logo.tsx';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-6 text-center">
      <Link href="/" aria-label="FlowForge home" className="mb-10">
        <Logo />
      </Link>
      <p className="font-mono text-xs text-faint">404</p>
      <h1 className="mt-2 text-lg font-semibold tracking-tight text-fg">This page does not exist</h1>
      <p className="mt-1.5 max-w-sm text-[13px] text-muted">The link may be mistyped, or what it pointed to has moved.</p>
      <ButtonLink href="/" variant="primary" className="mt-6">
        Go to your workspaces
      </ButtonLink>
    </main>
  );
}
