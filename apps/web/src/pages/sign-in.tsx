// 登录: a sign-in box over the page, whatever the user was doing stays as it was.
import { useRef, useState } from 'preact/hooks';
import type { LoginResponse } from '../../../../libs/contracts/src/index.js';
import { post } from '../api.js';
import { ErrorBox } from '../components/common.js';
import { Dialog, mountDialog } from '../components/dialog.js';
import { loadToday, session, sessionChanged } from '../session.js';

function LoginForm({ onDone }: { onDone: () => void }) {
  const [error, setError] = useState<unknown>(null);
  const username = useRef<HTMLInputElement>(null);
  const password = useRef<HTMLInputElement>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const result = await post<LoginResponse>('/api/auth/login', { username: username.current?.value.trim() ?? '', password: password.current?.value ?? '' });
      session.user = result.user;
      await loadToday();
      sessionChanged();
      onDone();
    } catch (err) {
      if (password.current) password.current.value = '';
      setError(err);
    }
  };
  return (
    <form class="login" noValidate onSubmit={submit}>
      <label>
        用户名
        <input ref={username} name="username" type="text" autoComplete="username" required maxLength={64} />
      </label>
      <label>
        密码
        <input ref={password} name="password" type="password" autoComplete="current-password" required maxLength={200} />
      </label>
      <div role="alert">{error ? <ErrorBox error={error} /> : null}</div>
      <button type="submit" class="primary">
        登录
      </button>
    </form>
  );
}

let signingIn: Promise<void> | null = null;

/** Asks the user to sign in; resolves once signed in. One box at a time, however many requests wait. */
export function signIn(): Promise<void> {
  signingIn ??= new Promise<void>((resolve) => {
    mountDialog((close) => (
      <Dialog title="登录" heading={session.user ? '登录已过期,请重新登录' : '请登录'}>
        <p class="muted">登录后将继续刚才的操作,已填写的内容不会丢失。</p>
        <LoginForm
          onDone={() => {
            close();
            signingIn = null;
            resolve();
          }}
        />
      </Dialog>
    ));
  });
  return signingIn;
}
