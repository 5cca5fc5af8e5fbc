// 管理 → 发文设置: who issues the official documents (通报, 督办通知单, 催办函) and their 文号.
import type { IssuingOfficeBody, SettingsResponse } from '../../../../libs/contracts/src/index.js';
import { put } from '../api.js';
import { toast } from '../toast.js';
import { Field, Form } from './form.js';

const KINDS = [
  ['circular', '通报', '质量强市办〔{年}〕{号}号'],
  ['notice', '督办通知单', '质量强市办督〔{年}〕{号}号'],
  ['letter', '催办函', '质量强市办催〔{年}〕{号}号'],
] as const;

const text = (data: FormData, name: string) => String(data.get(name) ?? '').trim();
/** A whole number as typed; anything else is sent as it is so the server names the problem. */
const whole = (s: string): number | string => (/^\d+$/.test(s) ? Number(s) : s);

/** The form; shown to administrators, read-only to the office. Never prefilled with a guess. */
export function IssuingOfficeSection({ settings, again }: { settings: SettingsResponse; again: () => void }) {
  const o = settings.issuingOffice;
  return (
    <section aria-labelledby="issuing-office">
      <h2 id="issuing-office">发文设置</h2>
      {o ? null : (
        <div class="notice" role="status">
          <p>尚未设置发文机关:生成通报、督办通知单和催办函前,请填写发文机关全称(含城市)、署名和文号。</p>
        </div>
      )}
      {settings.editable ? (
        <Form
          class="filters settings"
          submitLabel="保存发文设置"
          generalFirst={false}
          onSubmit={async (data) => {
            const body = {
              city: text(data, 'city'),
              issuer: text(data, 'issuer'),
              signature: text(data, 'signature'),
              cc: text(data, 'cc'),
              contact: text(data, 'contact'),
              numbers: Object.fromEntries(KINDS.map(([k]) => [k, { pattern: text(data, `${k}Pattern`), start: whole(text(data, `${k}Start`)) }])),
            };
            await put('/api/settings/issuing-office', body);
            toast('发文设置已保存', 'success');
            again();
          }}
        >
          <Field label="城市" names={['城市']} hint="如 杭州市">
            <input type="text" name="city" defaultValue={o?.city ?? ''} required />
          </Field>
          <Field label="发文机关全称(含城市)" names={['发文机关全称']} hint="如 杭州市质量强市工作领导小组办公室">
            <input type="text" name="issuer" defaultValue={o?.issuer ?? ''} required />
          </Field>
          <Field label="署名" names={['署名']} hint="正文后的发文机关署名">
            <input type="text" name="signature" defaultValue={o?.signature ?? ''} required />
          </Field>
          {KINDS.map(([k, label, example]) => (
            <Field key={k} label={`${label}文号格式`} names={[`${label}的文号`]} hint={`用 {年} 和 {号},如 ${example}`}>
              <input type="text" name={`${k}Pattern`} defaultValue={o?.numbers[k as keyof IssuingOfficeBody['numbers']].pattern ?? ''} required />
            </Field>
          ))}
          {KINDS.map(([k, label]) => (
            <Field key={`${k}s`} label={`${label}每年起始编号`} names={[`${label}的起始编号`]}>
              <input type="text" name={`${k}Start`} inputMode="numeric" defaultValue={String(o?.numbers[k as keyof IssuingOfficeBody['numbers']].start ?? 1)} required />
            </Field>
          ))}
          <Field label="抄送(可空)" names={['抄送']} hint="单位之间用顿号分隔">
            <input type="text" name="cc" defaultValue={o?.cc ?? ''} />
          </Field>
          <Field label="联系人及电话(可空)" names={['联系人及电话']} hint="写入督办通知单的反馈方式">
            <input type="text" name="contact" defaultValue={o?.contact ?? ''} />
          </Field>
        </Form>
      ) : o ? (
        <dl class="meta">
          <dt>发文机关</dt>
          <dd>{o.issuer}</dd>
          <dt>署名</dt>
          <dd>{o.signature}</dd>
          <dt>文号</dt>
          <dd>{KINDS.map(([k, label]) => `${label}:${o.numbers[k as keyof IssuingOfficeBody['numbers']].pattern}`).join(';')}</dd>
          <dt>抄送</dt>
          <dd>{o.cc || '—'}</dd>
        </dl>
      ) : (
        <p class="muted small">发文设置由系统管理员在本页填写。</p>
      )}
    </section>
  );
}
