'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Field, Input } from '../../components/Input.tsx';
import { AuthError, safeNextPath, signInWithEmail } from '../../lib/auth-client.ts';
import { AuthCard, AuthLink } from './AuthCard.tsx';
import { useSession } from './use-session.ts';

type Errors = { email?: string; password?: string; form?: string };

export function SignInForm() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const params = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const session = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);

  // Already signed in (a second tab, the back button): carry on.
  useEffect(() => {
    if (session.data) router.replace(next);
  }, [session.data, next, router]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Errors = {};
    if (!email.trim()) found.email = 'Enter your email address';
    else if (!/^\S+@\S+\.\S+$/.test(email.trim())) found.email = 'Enter a valid email address';
    if (!password) found.password = 'Enter your password';
    setErrors(found);
    if (Object.keys(found).length) return;

    setPending(true);
    try {
      await signInWithEmail({ email: email.trim(), password });
      queryClient.removeQueries();
      router.replace(next);
    } catch (err) {
      setErrors({ form: err instanceof AuthError ? err.message : 'Sign-in failed. Please try again.' });
      setPending(false);
    }
  }

  const signUpHref = next === '/' ? '/sign-up' : `/sign-up?next=${encodeURIComponent(next)}`;

  return (
    <AuthCard
      title="Welcome back"
      subtitle="Sign in to your FlowForge account"
      footer={
        <>
          New to FlowForge? <AuthLink href={signUpHref}>Create an account</AuthLink>
        </>
      }
    >
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="Sign in">
        {errors.form ? (
          <Alert tone="error" data-testid="auth-error">
            {errors.form}
          </Alert>
        ) : null}
        <Field label="Email" error={errors.email}>
          <Input
            type="email"
            name="email"
            autoComplete="email"
            inputMode="email"
            placeholder="you@company.com"
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
              setErrors(({ email: _, ...rest }) => rest);
            }}
            autoFocus
            data-testid="sign-in-email"
          />
        </Field>
        <Field label="Password" error={errors.password}>
          <Input
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              setErrors(({ password: _, ...rest }) => rest);
            }}
            data-testid="sign-in-password"
          />
        </Field>
        <Button type="submit" variant="primary" className="mt-1 w-full" loading={pending} data-testid="sign-in-submit">
          Sign in
        </Button>
      </form>
    </AuthCard>
  );
}
