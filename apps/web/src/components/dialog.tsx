// A modal dialog on the native <dialog>: the page behind is inert, Tab stays inside, Escape
// cancels, and focus goes back to where it was when the dialog closes.
import { type ComponentChildren, render } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Form } from './form.js';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  /** The accessible name (and the heading unless `heading` is given). */
  title: string;
  heading?: string;
  wide?: boolean;
  /** Escape or the cancel button; not called when the dialog cannot be cancelled. */
  onCancel?: () => void;
  children: ComponentChildren;
}

export function Dialog({ title, heading, wide = false, onCancel, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal?.();
    (dialog.querySelector<HTMLElement>('input, textarea, select') ?? dialog.querySelector<HTMLElement>(FOCUSABLE))?.focus();
    return () => {
      if (dialog.open) dialog.close?.();
      if (before?.isConnected) before.focus();
    };
  }, []);
  const keydown = (e: KeyboardEvent) => {
    const dialog = ref.current;
    if (!dialog) return;
    if (e.key === 'Escape') {
      // The native cancel would close the dialog without us; close it through the owner.
      e.preventDefault();
      onCancel?.();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[hidden], details:not([open]) > :not(summary)'));
    if (!items.length) return;
    const first = items[0] as HTMLElement;
    const last = items[items.length - 1] as HTMLElement;
    if (e.shiftKey && (document.activeElement === first || !dialog.contains(document.activeElement))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <dialog
      ref={ref}
      class={`dialog${wide ? ' wide' : ''}`}
      aria-label={title}
      aria-modal="true"
      onKeyDown={keydown}
      onCancel={(e: Event) => {
        e.preventDefault();
        onCancel?.();
      }}
    >
      <h2>{heading ?? title}</h2>
      {children}
    </dialog>
  );
}

/** Shows a component in a dialog of its own, outside the page; returns the function that removes it. */
export function mountDialog(node: (close: () => void) => ComponentChildren): () => void {
  const host = document.createElement('div');
  document.body.append(host);
  const close = () => {
    render(null, host);
    host.remove();
  };
  render(node(close), host);
  return close;
}

export interface FormDialogOptions<T> {
  title: string;
  /** The fields (named controls inside <Field>). */
  body: ComponentChildren;
  /** Runs with the form's data; its result closes the dialog. A thrown error shows next to the fields. */
  submit: (data: FormData) => Promise<T>;
  label?: string;
}

/** A dialog with a form; resolves with submit's result, or null when cancelled. */
export function formDialog<T>({ title, body, submit, label = '确定' }: FormDialogOptions<T>): Promise<T | null> {
  return new Promise((resolve) => {
    const remove = mountDialog((close) => {
      const finish = (value: T | null) => {
        close();
        resolve(value);
      };
      return (
        <Dialog title={title} wide onCancel={() => finish(null)}>
          <Form
            class="stack"
            onSubmit={async (data) => finish(await submit(data))}
            after={
              <div class="actions">
                <button type="submit" class="primary">
                  {label}
                </button>
                <button type="button" onClick={() => finish(null)}>
                  取消
                </button>
              </div>
            }
          >
            {body}
          </Form>
        </Dialog>
      );
    });
    void remove;
  });
}
