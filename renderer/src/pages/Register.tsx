import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { PASSWORD_MIN_LENGTH } from '../../../shared/auth/password-policy.js';
import { engine } from '../api/engine.js';
import { Field } from '../components/Field.js';
import { FormError } from '../components/FormError.js';
import { useAction } from '../components/use-action.js';
import { useSession } from '../state/session-store.js';
import { AuthLayout } from './AuthLayout.js';

export function Register() {
  const navigate = useNavigate();
  const [form, setForm] = useState({ displayName: '', email: '', password: '', organizationName: '' });
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });
  const [submit, state] = useAction(async () => {
    const { organizationName, ...account } = form;
    useSession.getState().signIn(await engine.register(organizationName.trim() ? { ...account, organizationName: organizationName.trim() } : account));
    await navigate('/dashboard', { replace: true });
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };
  return (
    <AuthLayout title="Create an account">
      <form onSubmit={onSubmit} noValidate>
        <Field label="Name" autoComplete="name" required autoFocus value={form.displayName} onChange={set('displayName')} error={state.fieldError('body.displayName')} />
        <Field label="Email" type="email" autoComplete="email" required value={form.email} onChange={set('email')} error={state.fieldError('body.email')} />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          value={form.password}
          onChange={set('password')}
          hint={`At least ${String(PASSWORD_MIN_LENGTH)} characters; a passphrase of a few words works well.`}
          error={state.fieldError('body.password')}
        />
        <Field
          label="Organisation (optional)"
          autoComplete="organization"
          value={form.organizationName}
          onChange={set('organizationName')}
          hint="Your trading desk or company; you become its owner. You can also join one later."
          error={state.fieldError('body.organizationName')}
        />
        <FormError message={state.formError} />
        <button type="submit" className="button button--primary button--wide" disabled={state.busy}>
          {state.busy ? 'Creating…' : 'Create account'}
        </button>
      </form>
      <p className="auth__links">
        <Link to="/sign-in">Already have an account? Sign in</Link>
      </p>
    </AuthLayout>
  );
}
