// 修改密码, 我的登录 (sessions on other devices) and 个人令牌 (personal API tokens).
import { useState } from 'preact/hooks';
import type { SessionRow, TokenRow } from '../../../../libs/contracts/src/index.js';
import { ApiError, del, get, messagesOfError, post } from '../api.js';
import { ErrorBox, Loaded, PageTitle } from '../components/common.js';
import { Field, Form } from '../components/form.js';
import { fmtTime } from '../format.js';
import { useLoad } from '../load.js';
import { session } from '../session.js';
import { toast } from '../toast.js';

export function PasswordPage() {
  return (
    <>
      <PageTitle text="修改密码" />
      <p class="muted">{`当前用户:${session.user?.displayName ?? ''}(${session.user?.username ?? ''})`}</p>
      <p class="muted">修改密码后,其他设备上的登录将全部退出,当前设备保持登录。</p>
      <Form
        class="stack narrow"
        submitLabel="修改密码"
        generalFirst={false}
        onSubmit={async (data, form) => {
          const next = String(data.get('newPassword') ?? '');
          if (next !== String(data.get('again') ?? '')) throw ApiError.forField('again', '再次输入新密码', '两次输入的新密码不一致');
          await post('/api/auth/password', { currentPassword: String(data.get('currentPassword') ?? ''), newPassword: next });
          form.reset();
          toast('密码已修改,其他设备上的登录已退出', 'success');
        }}
      >
        <Field label="当前密码">
          <input type="password" name="currentPassword" required autoComplete="current-password" maxLength={200} />
        </Field>
        <Field label="新密码(至少 8 位)">
          <input type="password" name="newPassword" required autoComplete="new-password" minLength={8} maxLength={200} />
        </Field>
        <Field label="再次输入新密码">
          <input type="password" name="again" required autoComplete="new-password" maxLength={200} />
        </Field>
      </Form>
      <Sessions />
      <Tokens />
    </>
  );
}

/** A short name for the browser of a User-Agent string. */
export function browserOf(userAgent: string | null): string {
  if (!userAgent) return '未知';
  const found = [
    [/Edg\//, 'Edge'],
    [/Firefox\//, 'Firefox'],
    [/MicroMessenger\//, '微信'],
    [/Chrom(e|ium)\//, 'Chrome'],
    [/Safari\//, 'Safari'],
  ].find(([re]) => (re as RegExp).test(userAgent));
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : '';
  return found ? `${found[1] as string}${system ? `(${system})` : ''}` : userAgent.slice(0, 60);
}

function Sessions() {
  const state = useLoad(() => get<SessionRow[]>('/api/auth/sessions'));
  const end = async (s: SessionRow) => {
    try {
      await del(`/api/auth/sessions/${s.id}`);
      toast('已退出该登录', 'success');
      state.reload();
    } catch (e) {
      toast(messagesOfError(e, '退出失败').join(';'), 'error');
    }
  };
  return (
    <section>
      <h2>我的登录</h2>
      <p class="muted">在别处忘记退出时,可在这里结束那里的登录。</p>
      <Loaded state={state}>
        {(rows) => (
          <div class="table-wrap">
            <table class="data sessions">
              <thead>
                <tr>
                  <th>登录时间</th>
                  <th>有效期至</th>
                  <th>IP 地址</th>
                  <th>浏览器</th>
                  <th>操作</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => (
                  <tr key={s.id}>
                    <td class="nowrap">{fmtTime(s.createdAt)}</td>
                    <td class="nowrap">{s.expiresAt ? fmtTime(s.expiresAt) : '—'}</td>
                    <td>{s.ip ?? '—'}</td>
                    <td title={s.userAgent ?? ''}>{browserOf(s.userAgent)}</td>
                    <td class="nowrap">
                      {s.current ? (
                        <span class="badge">当前</span>
                      ) : (
                        <button type="button" class="button small" aria-label={`退出 ${fmtTime(s.createdAt)} 的登录`} onClick={() => end(s)}>
                          退出
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Loaded>
    </section>
  );
}

function Tokens() {
  const state = useLoad(() => get<TokenRow[]>('/api/auth/tokens'));
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const revoke = async (t: TokenRow) => {
    try {
      await del(`/api/auth/tokens/${t.id}`);
      toast('令牌已撤销', 'success');
      state.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section>
      <h2>个人令牌</h2>
      <p class="muted">供脚本调用接口使用,到期自动失效,可随时撤销。</p>
      {error ? <ErrorBox error={error} /> : null}
      <Loaded state={state}>
        {(rows) =>
          rows.length ? (
            <div class="table-wrap">
              <table class="data tokens">
                <thead>
                  <tr>
                    <th>名称</th>
                    <th>创建时间</th>
                    <th>到期时间</th>
                    <th>状态</th>
                    <th>操作</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((t) => (
                    <tr key={t.id}>
                      <td>{t.name}</td>
                      <td class="nowrap">{fmtTime(t.createdAt)}</td>
                      <td class="nowrap">{t.expiresAt ? fmtTime(t.expiresAt) : '长期有效'}</td>
                      <td>{t.revokedAt ? `已撤销(${fmtTime(t.revokedAt)})` : '有效'}</td>
                      <td>
                        {t.revokedAt ? null : (
                          <button type="button" class="button small" aria-label={`撤销令牌 ${t.name}`} onClick={() => revoke(t)}>
                            撤销
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p class="muted">还没有个人令牌。</p>
          )
        }
      </Loaded>
      {created ? (
        <p class="notice" role="status">
          {'新令牌(只显示这一次,请立即复制保存):'}
          <code class="token">{created}</code>
        </p>
      ) : null}
      <Form
        class="stack narrow"
        submitLabel="创建令牌"
        generalFirst={false}
        onSubmit={async (data, form) => {
          const days = Number(data.get('days'));
          if (!Number.isInteger(days) || days < 1 || days > 365) throw ApiError.forField('expiresInDays', '有效天数', '有效天数必须是 1 到 365 之间的整数');
          const result = await post<TokenRow & { token: string }>('/api/auth/tokens', { name: String(data.get('name') ?? '').trim(), expiresInDays: days });
          form.reset();
          setCreated(result.token);
          state.reload();
        }}
      >
        <Field label="令牌名称">
          <input type="text" name="name" required maxLength={100} placeholder="如:月报导出脚本" />
        </Field>
        <Field label="有效天数(1–365)" names={['expiresInDays']}>
          <input type="number" name="days" required min={1} max={365} step={1} defaultValue="90" />
        </Field>
      </Form>
    </section>
  );
}
