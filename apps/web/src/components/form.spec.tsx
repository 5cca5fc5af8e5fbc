import { render } from 'preact';
import { act } from 'preact/test-utils';
import { ApiError } from '../api.js';
import type { FieldError } from '../../../../libs/contracts/src/index.js';
import { Field, Form, routeErrors } from './form.js';

let host: HTMLElement;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
});
afterEach(() => {
  render(null, host);
  host.remove();
});

const percentError: FieldError = { field: 'percent', fieldLabel: '完成进度', code: 'out_of_range', message: '完成进度必须是 0 到 100 之间的整数' };
const hourError: FieldError = { field: 'officeHours.1', fieldLabel: '办公时间', code: 'out_of_range', message: '办公时间的钟点必须在 0 到 24 之间' };

describe('routeErrors', () => {
  const fields: [string, string[]][] = [
    ['a', ['percent']],
    ['b', ['days', 'expiresInDays']],
    ['c', ['officeEnd', 'officeHours.1']],
    ['d', ['officeStart', 'officeHours']],
  ];
  it.each([
    ['a field error goes to the field of that name', [percentError], [], { a: percentError.message }, []],
    ['or to the field that names it (a control named otherwise)', [{ ...percentError, field: 'expiresInDays', message: '令牌有效期最长 365 天' }], [], { b: '令牌有效期最长 365 天' }, []],
    ['a nested path to its own field first', [hourError], [], { c: hourError.message }, []],
    ['or to the field of its parent', [{ ...hourError, field: 'officeHours' }], [], { d: hourError.message }, []],
    [
      'two errors of one field are joined, a repeated one shown once',
      [percentError, { ...percentError, message: '完成进度必须是整数' }, percentError],
      [],
      { a: '完成进度必须是 0 到 100 之间的整数;完成进度必须是整数' },
      [],
    ],
    [
      'a field the form lacks goes to the summary, before the general messages',
      [{ ...percentError, field: 'version', message: '版本必须是整数' }],
      ['数据库繁忙'],
      {},
      ['版本必须是整数', '数据库繁忙'],
    ],
    ['no substring guessing: a message naming a field in words stays general', [], ['完成进度必须是整数'], {}, ['完成进度必须是整数']],
  ] as const)('%s', (_name, errors, general, byField, rest) => {
    expect(routeErrors([...errors], [...general], fields)).toEqual({ byField, rest });
  });
});

describe('Field', () => {
  it('labels its control and links its hint; no error, no aria-invalid', () => {
    act(() =>
      render(
        <Field label="新期限" hint="格式 YYYY-MM-DD">
          <input name="deadline" />
        </Field>,
        host,
      ),
    );
    const input = host.querySelector('input')!;
    const label = host.querySelector('label')!;
    expect(label.htmlFor).toBe(input.id);
    expect(label.querySelector('.field-label')?.textContent).toBe('新期限');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(document.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toBe('格式 YYYY-MM-DD');
  });

  it('shows an error next to its control with aria-invalid and aria-describedby', () => {
    act(() =>
      render(
        <Field label="新期限" hint="格式 YYYY-MM-DD" error="申请的新期限必须晚于当前期限">
          <input name="deadline" />
        </Field>,
        host,
      ),
    );
    const input = host.querySelector('input')!;
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = input
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(['格式 YYYY-MM-DD', '申请的新期限必须晚于当前期限']);
    expect(host.querySelector('label')?.classList.contains('invalid')).toBe(true);
  });
});

describe('Form', () => {
  it('puts the server messages next to their fields, the others above the button, and focuses the first invalid field', async () => {
    let calls = 0;
    act(() =>
      render(
        <Form
          submitLabel="保存"
          onSubmit={async () => {
            calls++;
            throw new ApiError(400, [percentError.message, '请稍后重试'], [percentError], 'invalid_request');
          }}
        >
          <Field label="进展情况">
            <textarea name="text" required />
          </Field>
          <Field label="完成进度(%)">
            <input name="percent" />
          </Field>
        </Form>,
        host,
      ),
    );
    const [text, percent] = [host.querySelector('textarea')!, host.querySelector('input')!];
    const button = host.querySelector('button')!;
    // Required and empty: marked, and the server is not asked.
    await act(async () => button.click());
    expect(calls).toBe(0);
    expect(text.getAttribute('aria-invalid')).toBe('true');
    expect(host.querySelector('label.invalid .field-error')?.textContent).toBe('此项必填');
    text.value = '已完成检查';
    await act(async () => button.click());
    expect(calls).toBe(1);
    expect(text.hasAttribute('aria-invalid')).toBe(false);
    expect(percent.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(percent.getAttribute('aria-describedby')!)?.textContent).toBe('完成进度必须是 0 到 100 之间的整数');
    expect(host.querySelector('.error[role=alert]')?.textContent).toBe('请稍后重试');
    expect(document.activeElement).toBe(percent);
    // The typed text stays.
    expect(text.value).toBe('已完成检查');
  });

  it('clears the errors once the submit succeeds', async () => {
    let fail = true;
    act(() =>
      render(
        <Form
          submitLabel="保存"
          onSubmit={async () => {
            if (fail) throw ApiError.forField('name', '单位名称', '名称已存在');
          }}
        >
          <Field label="单位名称">
            <input name="name" />
          </Field>
        </Form>,
        host,
      ),
    );
    const button = host.querySelector('button')!;
    await act(async () => button.click());
    expect(host.querySelector('input')?.getAttribute('aria-invalid')).toBe('true');
    fail = false;
    await act(async () => button.click());
    expect(host.querySelector('input')?.hasAttribute('aria-invalid')).toBe(false);
    expect(host.querySelector('.field-error')?.textContent).toBe('');
  });
});
