import { h } from 'preact';
import { useState } from 'preact/hooks';
import { Code, Field } from './ui.ts';

export interface SignInProps {
  busy: boolean;
  /** Why the user is here: a refused token, a revoked one, a signed-out session. */
  message: string | undefined;
  onSubmit(token: string, remember: boolean): void;
}

/** The sign-in form: one API token, kept for this tab unless the user asks to stay signed in. */
export function SignIn(props: SignInProps) {
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(false);
  const submit = (e: Event) => {
    e.preventDefault();
    if (token.trim()) props.onSubmit(token.trim(), remember);
  };
  return h('main', { class: 'sign-in', id: 'main' },
    h('div', { class: 'sign-in-card card' },
      h('p', { class: 'brand brand-large' }, 'edgefleet'),
      h('h1', null, 'Sign in to the fleet console'),
      h('p', null, 'Paste an API token. The admin token was printed once by ', h(Code, null, 'npm start'),
        ' and is kept in ', h(Code, null, 'data/admin-token'), '. For read-only access create a viewer token with ',
        h(Code, null, 'edgefleet tokens create --role viewer'), '.'),
      props.message ? h('div', { class: 'error-note', role: 'alert' }, props.message) : null,
      h('form', { onSubmit: submit, 'aria-label': 'Sign in' },
        h(Field, { id: 'token', label: 'API token' },
          h('input', {
            id: 'token', name: 'token', type: 'password', autoComplete: 'off', spellcheck: false, required: true,
            value: token, onInput: (e) => setToken(e.currentTarget.value), placeholder: 'efa_…',
          })),
        h('div', { class: 'check' },
          h('input', { id: 'remember', type: 'checkbox', checked: remember, onChange: (e) => setRemember(e.currentTarget.checked) }),
          h('label', { for: 'remember' }, 'Keep me signed in on this browser')),
        h('button', { type: 'submit', class: 'primary', disabled: props.busy }, props.busy ? 'Signing in…' : 'Sign in'))));
}
