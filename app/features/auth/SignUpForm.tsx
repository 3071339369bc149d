'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Field, Input } from '../../components/Input.tsx';
import { AuthError, safeNextPath, signUpWithEmail } from '../../lib/auth-client.ts';
import { AuthCard, AuthLink } from './AuthCard.tsx';
import { useSession } from './use-session.ts';

const MIN_PASSWORD = 8;
const MAX_PASSWORD = 128;

type Errors = { name?: string; email?: string; password?: string; form?: string };

/** Server answers that belong to one field are shown under it. */
function fieldOf(err: AuthError): keyof Errors {
  const code = err.code ?? '';
  if (code.startsWith('USER_ALREADY_EXISTS') || code === 'INVALID_EMAIL') return 'email';
  if (code.startsWith('PASSWORD_')) return 'password';
  return 'form';
}

export function SignUpForm() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const params = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const session = useSession();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (session.data) router.replace(next);
  }, [session.data, next, router]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Errors = {};
    if (!name.trim()) found.name = 'Enter your name';
    else if (name.trim().length > 120) found.name = 'Use at most 120 characters';
    if (!email.trim()) found.email = 'Enter your email address';
    else if (!/^\S+@\S+\.\S+$/.test(email.trim())) found.email = 'Enter a valid email address';
    if (password.length < MIN_PASSWORD) found.password = `Use at least ${MIN_PASSWORD} characters`;
    else if (password.length > MAX_PASSWORD) found.password = `Use at most ${MAX_PASSWORD} characters`;
    setErrors(found);
    if (Object.keys(found).length) return;

    setPending(true);
    try {
      await signUpWithEmail({ name: name.trim(), email: email.trim(), password });
      queryClient.removeQueries();
      router.replace(next);
    } catch (err) {
      if (err instanceof AuthError) {
        const field = fieldOf(err);
        const message = err.code?.startsWith('USER_ALREADY_EXISTS') ? 'An account with this email already exists' : err.message;
        setErrors({ [field]: message });
      } else {
        setErrors({ form: 'Sign-up failed. Please try again.' });
      }
      setPending(false);
    }
  }

  const signInHref = next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;

  return (
    <AuthCard
      title="Create your account"
      subtitle="Build and run workflows together with your team"
      footer={
        <>
          Already have an account? <AuthLink href={signInHref}>Sign in</AuthLink>
        </>
      }
    >
      <form noValidate onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="Create account">
        {errors.form ? (
          <Alert tone="error" data-testid="auth-error">
            {errors.form}
          </Alert>
        ) : null}
        <Field label="Name" error={errors.name}>
          <Input
            name="name"
            autoComplete="name"
            placeholder="Ada Lovelace"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setErrors(({ name: _, ...rest }) => rest);
            }}
            autoFocus
            data-testid="sign-up-name"
          />
        </Field>
        <Field label="Work email" error={errors.email}>
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
            data-testid="sign-up-email"
          />
        </Field>
        <Field label="Password" hint={`At least ${MIN_PASSWORD} characters`} error={errors.password}>
          <Input
            type="password"
            name="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              setErrors(({ password: _, ...rest }) => rest);
            }}
            data-testid="sign-up-password"
          />
        </Field>
        <Button type="submit" variant="primary" className="mt-1 w-full" loading={pending} data-testid="sign-up-submit">
          Create account
        </Button>
      </form>
    </AuthCard>
  );
}
