import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { engine } from '../api/engine.js';
import { Field } from '../components/Field.js';
import { FormError } from '../components/FormError.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../state/session-store.js';
import { AuthLayout } from './AuthLayout.js';

export function SignIn() {
  const navigate = useNavigate();
  const location = useLocation();
  const endedBecause = useSession((state) => state.endedBecause);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submit, state] = useAction(async () => {
    useSession.getState().signIn(await engine.login({ email, password }));
    const from = (location.state as { from?: string } | null)?.from;
    await navigate(from && from !== '/' ? from : '/dashboard', { replace: true });
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };
  return (
    <AuthLayout title="Sign in">
      {endedBecause && <p className="notice notice--warning">{endedBecause}</p>}
      <form onSubmit={onSubmit} noValidate>
        <Field label="Email" type="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} error={state.fieldError('body.email')} />
        <Field label="Password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={state.fieldError('body.password')} />
        <FormError message={state.formError} />
        <button type="submit" className="button button--primary button--wide" disabled={state.busy}>
          {state.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="auth__links">
        <Link to="/register">Create an account</Link>
        <Link to="/reset-password">Forgot your password?</Link>
      </p>
    </AuthLayout>
  );
}
