import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { engine } from '../api/engine.js';
import { Field } from '../components/Field.js';
import { FormError } from '../components/FormError.js';
import { useAction } from '../components/use-action.js';
import { toast } from '../state/toast-store.js';
import { AuthLayout } from './AuthLayout.js';

/** Step 1: ask for a reset. There is no mail server: the code goes to the organisation's administrators. */
export function ResetRequest() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const [submit, state] = useAction(async () => {
    setSent((await engine.requestPasswordReset(email)).message);
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };
  return (
    <AuthLayout title="Reset your password">
      {sent ? (
        <>
          <p className="notice notice--info" role="status">
            {sent}
          </p>
          <p>Ask your administrator for the reset code, then set a new password.</p>
          <Link className="button button--primary button--wide" to="/reset-password/confirm">
            I have a reset code
          </Link>
        </>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <p className="muted">The reset code goes to your organisation’s administrators, who pass it on to you.</p>
          <Field label="Email" type="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} error={state.fieldError('body.email')} />
          <FormError message={state.formError} />
          <button type="submit" className="button button--primary button--wide" disabled={state.busy}>
            Request a reset code
          </button>
        </form>
      )}
      <p className="auth__links">
        <Link to="/sign-in">Back to sign in</Link>
        {!sent && <Link to="/reset-password/confirm">I already have a code</Link>}
      </p>
    </AuthLayout>
  );
}

/** Step 2: the code and a new password; signs every session out. */
export function ResetConfirm() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [token, setToken] = useState(params.get('code') ?? '');
  const [password, setPassword] = useState('');
  const [submit, state] = useAction(async () => {
    await engine.confirmPasswordReset(token.trim(), password);
    toast('success', 'Password changed', 'Sign in with your new password.');
    await navigate('/sign-in', { replace: true });
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };
  return (
    <AuthLayout title="Set a new password">
      <form onSubmit={onSubmit} noValidate>
        <Field label="Reset code" autoComplete="one-time-code" required autoFocus value={token} onChange={(e) => setToken(e.target.value)} error={state.fieldError('body.token')} />
        <Field label="New password" type="password" autoComplete="new-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={state.fieldError('body.newPassword')} />
        <FormError message={state.formError} />
        <button type="submit" className="button button--primary button--wide" disabled={state.busy}>
          Set new password
        </button>
      </form>
      <p className="auth__links">
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </AuthLayout>
  );
}
