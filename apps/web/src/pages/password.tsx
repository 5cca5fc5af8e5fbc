// 修改密码.
import { ApiError, post } from '../api.js';
import { PageTitle } from '../components/common.js';
import { Field, Form } from '../components/form.js';
import { session } from '../session.js';
import { toast } from '../toast.js';

export function PasswordPage() {
  return (
    <>
      <PageTitle text="修改密码" />
      <p class="muted">{`当前用户:${session.user?.displayName ?? ''}(${session.user?.username ?? ''})`}</p>
      <Form
        class="stack narrow"
        submitLabel="修改密码"
        generalFirst={false}
        onSubmit={async (data, form) => {
          const next = String(data.get('newPassword') ?? '');
          if (next !== String(data.get('again') ?? '')) throw new ApiError(400, ['两次输入的新密码不一致']);
          await post('/api/auth/password', { currentPassword: String(data.get('currentPassword') ?? ''), newPassword: next });
          form.reset();
          toast('密码已修改,其他设备上的登录已退出', 'success');
        }}
      >
        <Field label="当前密码" names={['当前密码']}>
          <input type="password" name="currentPassword" required autoComplete="current-password" maxLength={200} />
        </Field>
        <Field label="新密码(至少 8 位)" names={['新密码']}>
          <input type="password" name="newPassword" required autoComplete="new-password" minLength={8} maxLength={200} />
        </Field>
        <Field label="再次输入新密码" names={['两次']}>
          <input type="password" name="again" required autoComplete="new-password" maxLength={200} />
        </Field>
      </Form>
    </>
  );
}
