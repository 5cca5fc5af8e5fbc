import { render } from 'preact';
import { act } from 'preact/test-utils';
import { Dialog, formDialog } from './dialog.js';
import { Field } from './form.js';

const key = (target: Element, k: string, shiftKey = false) => {
  const event = new KeyboardEvent('keydown', { key: k, shiftKey, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
};
const dialogs = () => document.querySelectorAll('dialog');

afterEach(() => {
  document.body.replaceChildren();
});

describe('Dialog', () => {
  it('is named by its title, focuses its first field, keeps Tab inside and cancels on Escape', () => {
    const host = document.createElement('div');
    document.body.append(host);
    let cancelled = 0;
    act(() =>
      render(
        <Dialog title="批准延期申请" onCancel={() => cancelled++}>
          <input name="a" />
          <button type="button">确定</button>
        </Dialog>,
        host,
      ),
    );
    const dialog = host.querySelector('dialog')!;
    expect(dialog.getAttribute('aria-label')).toBe('批准延期申请');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const input = dialog.querySelector('input')!;
    const button = dialog.querySelector('button')!;
    expect(document.activeElement).toBe(input);
    // Tab on the last control goes back to the first; Shift+Tab on the first to the last.
    button.focus();
    expect(key(button, 'Tab').defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(input);
    expect(key(input, 'Tab', true).defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(button);
    // Between them Tab is the browser's own.
    input.focus();
    expect(key(input, 'Tab').defaultPrevented).toBe(false);
    key(input, 'Escape');
    expect(cancelled).toBe(1);
    act(() => render(null, host));
  });
});

describe('formDialog', () => {
  it('gives focus back to where it was on Escape, and resolves null', async () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    let result: unknown = 'open';
    await act(async () => {
      void formDialog({
        title: '驳回延期申请',
        body: (
          <Field label="驳回理由">
            <textarea name="reason" required />
          </Field>
        ),
        submit: async () => 'sent',
      }).then((r) => (result = r));
    });
    expect(dialogs()).toHaveLength(1);
    expect(document.activeElement?.tagName).toBe('TEXTAREA');
    await act(async () => {
      key(document.activeElement!, 'Escape');
    });
    expect(dialogs()).toHaveLength(0);
    expect(result).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('marks an empty required field, then resolves with what submit returned', async () => {
    let result: unknown = 'open';
    let sent: string | null = null;
    await act(async () => {
      void formDialog({
        title: '催办',
        label: '发送催办',
        body: (
          <Field label="催办内容">
            <textarea name="message" required />
          </Field>
        ),
        submit: async (data) => {
          sent = String(data.get('message'));
          return 'ok';
        },
      }).then((r) => (result = r));
    });
    const form = document.querySelector('dialog form') as HTMLFormElement;
    const submit = [...form.querySelectorAll('button')].find((b) => b.textContent === '发送催办')!;
    await act(async () => submit.click());
    const textarea = form.querySelector('textarea')!;
    expect(textarea.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(textarea.getAttribute('aria-describedby')!)?.textContent).toBe('此项必填');
    expect(sent).toBeNull();
    textarea.value = '请报送进展';
    await act(async () => submit.click());
    expect(sent).toBe('请报送进展');
    expect(result).toBe('ok');
    expect(dialogs()).toHaveLength(0);
  });

  it('closes with 取消', async () => {
    let result: unknown = 'open';
    await act(async () => {
      void formDialog({
        title: 'x',
        body: (
          <Field label="y">
            <input name="y" />
          </Field>
        ),
        submit: async () => 1,
      }).then((r) => (result = r));
    });
    const cancel = [...document.querySelectorAll('dialog button')].find((b) => b.textContent === '取消') as HTMLButtonElement;
    await act(async () => cancel.click());
    expect(result).toBeNull();
    expect(dialogs()).toHaveLength(0);
  });
});
