import { render } from 'preact';
import { act } from 'preact/test-utils';
import { ApiError } from '../api.js';
import { Field, Form, routeMessages } from './form.js';

let host: HTMLElement;
beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
});
afterEach(() => {
  render(null, host);
  host.remove();
});

describe('routeMessages', () => {
  it.each([
    ['a message naming a field goes to it', ['percent 必须是 0 到 100 之间的整数'], { a: 'percent 必须是 0 到 100 之间的整数' }, []],
    ['a Chinese word of the field counts too', ['当前密码不正确'], { b: '当前密码不正确' }, []],
    ['two messages for one field are joined', ['percent 太大', 'percent 不是整数'], { a: 'percent 太大;percent 不是整数' }, []],
    ['the rest stays general', ['数据库繁忙'], {}, ['数据库繁忙']],
  ] as const)('%s', (_name, messages, byField, rest) => {
    expect(
      routeMessages(
        [...messages],
        [
          ['a', ['percent', '百分比']],
          ['b', ['currentPassword', '当前密码']],
        ],
      ),
    ).toEqual({ byField, rest });
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
            throw new ApiError(400, ['percent 必须是 0 到 100 之间的整数', '请稍后重试']);
          }}
        >
          <Field label="进展情况" names={['进展情况']}>
            <textarea name="text" required />
          </Field>
          <Field label="完成进度(%)" names={['百分比']}>
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
    expect(document.getElementById(percent.getAttribute('aria-describedby')!)?.textContent).toBe('percent 必须是 0 到 100 之间的整数');
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
            if (fail) throw new ApiError(400, ['名称已存在']);
          }}
        >
          <Field label="单位名称" names={['名称']}>
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
