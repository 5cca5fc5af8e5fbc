// 管理 → 群机器人: each department's 企业微信 / 钉钉 / 飞书 robots, added, removed and tried with a test message.
import { CHAT_PLATFORM_LABELS, CHAT_PLATFORMS, type ChatChannelRow, type DepartmentRow } from '../../../../libs/contracts/src/index.js';
import { del, get, messagesOfError, post } from '../api.js';
import { Loaded } from './common.js';
import { Field, Form } from './form.js';
import { useLoad } from '../load.js';
import { toast } from '../toast.js';

const value = (data: FormData, name: string) => String(data.get(name) ?? '').trim();

export function ChatChannelsSection({ depts }: { depts: DepartmentRow[] }) {
  const state = useLoad(() => get<ChatChannelRow[]>('/api/chat-channels'));
  return (
    <section class="chat-channels" aria-labelledby="chat-channels-title">
      <h2 id="chat-channels-title">群机器人(企业微信、钉钉、飞书)</h2>
      <p class="muted">提醒、催办和办理结果除邮件外也发到单位的工作群。钉钉机器人请在安全设置中选择“加签”,飞书机器人选择“签名校验”,并把密钥填在这里;密钥只保存在服务器上。</p>
      <Form
        class="filters"
        submitLabel="添加机器人"
        generalFirst={false}
        onSubmit={async (data, form) => {
          await post('/api/chat-channels', {
            departmentId: Number(value(data, 'departmentId')),
            platform: value(data, 'platform'),
            webhookUrl: value(data, 'webhookUrl'),
            ...(value(data, 'secret') ? { secret: value(data, 'secret') } : {}),
          });
          form.reset();
          toast('群机器人已添加', 'success');
          state.reload();
        }}
      >
        <Field label="单位" names={['单位']}>
          <select name="departmentId" required>
            <option value="">请选择</option>
            {depts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="平台" names={['platform']}>
          <select name="platform" required>
            {CHAT_PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {CHAT_PLATFORM_LABELS[p]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Webhook 地址" names={['Webhook']}>
          <input type="url" name="webhookUrl" required maxLength={1000} placeholder="https://…" />
        </Field>
        <Field label="密钥(钉钉加签、飞书签名校验)" names={['密钥']}>
          <input type="password" name="secret" maxLength={200} autoComplete="off" />
        </Field>
      </Form>
      <Loaded state={state}>
        {(rows) =>
          rows.length === 0 ? (
            <p>还没有群机器人。</p>
          ) : (
            <div class="table-wrap">
              <table class="data" aria-label="群机器人">
                <thead>
                  <tr>
                    <th>单位</th>
                    <th>平台</th>
                    <th>地址</th>
                    <th>状态</th>
                    <th>操作</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((c) => (
                    <tr key={c.id}>
                      <td>{c.departmentName}</td>
                      <td>{CHAT_PLATFORM_LABELS[c.platform]}</td>
                      <td class="small">
                        {c.webhook}
                        {c.hasSecret ? '(已设密钥)' : ''}
                      </td>
                      <td class="small">{c.lastError ? <span class="tag bad">{c.lastError}</span> : <span class="tag ok">正常</span>}</td>
                      <td class="nowrap">
                        <button
                          type="button"
                          onClick={async () => {
                            try {
                              const r = await post<{ ok: boolean; message: string }>(`/api/chat-channels/${c.id}/test`);
                              toast(r.message, r.ok ? 'success' : 'error');
                            } catch (error) {
                              toast(messagesOfError(error, '发送失败,请重试。').join(';'), 'error');
                            }
                            state.reload();
                          }}
                        >
                          发送测试消息
                        </button>
                        <button
                          type="button"
                          class="link"
                          onClick={async () => {
                            if (!confirm(`删除${c.departmentName}的${CHAT_PLATFORM_LABELS[c.platform]}机器人?`)) return;
                            await del(`/api/chat-channels/${c.id}`).catch((error: unknown) => toast(messagesOfError(error, '删除失败').join(';'), 'error'));
                            state.reload();
                          }}
                        >
                          删除
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
}
