import Link from 'next/link';
import type { ReactNode } from 'react';

/** The frame of the sign-in and sign-up pages. */
export function AuthCard({ title, subtitle, children, footer }: { title: string; subtitle: ReactNode; children: ReactNode; footer: ReactNode }) {
  return (
    <div className="w-full max-w-[380px]">
      <div className="mb-6 text-center">
        <h1 className="text-xl font-semibold tracking-tight text-fg">{title}</h1>
        <p className="mt-1.5 text-[13px] text-muted">{subtitle}</p>
      </div>
      <div className="rounded-xl border border-line bg-surface p-6 shadow-card">{children}</div>
      <p className="mt-5 text-center text-[13px] text-muted">{footer}</p>
    </div>
  );
}

export function AuthLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="font-medium text-accent-text underline-offset-4 hover:underline">
      {children}
    </Link>
  );
}
