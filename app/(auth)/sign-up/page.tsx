import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SignUpForm } from '../../features/auth/SignUpForm.tsx';

export const metadata: Metadata = { title: 'Create account' };

export default function SignUpPage() {
  return (
    <Suspense>
      <SignUpForm />
    </Suspense>
  );
}
