// Forms that check their fields themselves and show each message next to its field (in Chinese,
// styled, with aria-invalid and aria-describedby), rather than the browser's bubbles. The server names
// the field of each error (ApiErrorBody.errors[].field); what concerns no field is the form's summary.
import { cloneElement, createContext, type ComponentChildren, type VNode } from 'preact';
import { useCallback, useContext, useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { FieldError } from '../../../../libs/contracts/src/index.js';
import { ApiError, messagesOfError } from '../api.js';

interface FormState {
  /** Field id → its error message. */
  errors: Record<string, string>;
  register: (id: string, names: string[]) => () => void;
}

const FormContext = createContext<FormState | null>(null);

/** Whether a form field shows the errors of a request field: its own name, or a part of it (`officeHours` for `officeHours.1`). */
const shows = (names: string[], field: string) => names.some((n) => n && (field === n || field.startsWith(`${n}.`)));

/**
 * Where the errors go: a field error to the first form field that shows its request field (by the
 * control's name or the Field's `names`); the general messages, and field errors no form field shows,
 * to the summary above the buttons.
 */
export function routeErrors(fieldErrors: readonly FieldError[], general: string[], fields: [string, string[]][]): { byField: Record<string, string>; rest: string[] } {
  const byField: Record<string, string> = {};
  const rest: string[] = [];
  for (const e of fieldErrors) {
    const target = fields.find(([, names]) => shows(names, e.field));
    if (!target) rest.push(e.message);
    else if (!byField[target[0]]?.split(';').includes(e.message)) byField[target[0]] = byField[target[0]] ? `${byField[target[0]]};${e.message}` : e.message;
  }
  return { byField, rest: [...rest, ...general] };
}

/** Fields left empty among the required controls of a form: their field ids. */
function emptyRequired(form: HTMLFormElement): { ids: string[]; first: HTMLElement | null } {
  const ids: string[] = [];
  let first: HTMLElement | null = null;
  for (const input of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('[required]')) {
    if (input instanceof HTMLInputElement && input.type === 'file' ? input.files?.length : String(input.value).trim() !== '') continue;
    const id = input.closest<HTMLElement>('label.field')?.dataset.field;
    if (id) ids.push(id);
    first ??= input;
  }
  return { ids, first };
}

export interface FormProps {
  class?: string;
  /** Runs on submit once the required fields are filled; a thrown ApiError shows its messages. */
  onSubmit: (data: FormData, form: HTMLFormElement) => Promise<unknown>;
  /** The submit button's text; none = the children hold the buttons. */
  submitLabel?: string;
  submitClass?: string;
  /** Below the fields, before the button (e.g. a cancel button after it). */
  after?: ComponentChildren;
  children: ComponentChildren;
  /** Where the other messages go: before the buttons (default) or after them. */
  generalFirst?: boolean;
  'aria-label'?: string;
}

export function Form({ class: className, onSubmit, submitLabel, submitClass, after, children, generalFirst = true, ...rest }: FormProps) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [focusInvalid, setFocusInvalid] = useState(0);
  const fields = useRef(new Map<string, string[]>());
  const formRef = useRef<HTMLFormElement>(null);
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  const register = useCallback((id: string, names: string[]) => {
    fields.current.set(id, names);
    return () => {
      fields.current.delete(id);
    };
  }, []);
  const state = useMemo<FormState>(() => ({ errors, register }), [errors, register]);
  useEffect(() => {
    if (focusInvalid) formRef.current?.querySelector<HTMLElement>('label.invalid input, label.invalid textarea, label.invalid select')?.focus();
  }, [focusInvalid]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const form = formRef.current;
    if (!form || busy) return;
    const empty = emptyRequired(form);
    if (empty.first) {
      setErrors(Object.fromEntries(empty.ids.map((id) => [id, '此项必填'])));
      setGeneral([]);
      empty.first.focus();
      return;
    }
    setBusy(true);
    try {
      await onSubmit(new FormData(form), form);
      if (live.current) {
        setErrors({});
        setGeneral([]);
      }
    } catch (error) {
      if (!live.current) return;
      const { byField, rest } =
        error instanceof ApiError ? routeErrors(error.fieldErrors, error.general, [...fields.current.entries()]) : { byField: {}, rest: messagesOfError(error, '操作失败,请重试。') };
      setErrors(byField);
      setGeneral(rest);
      setFocusInvalid((n) => n + 1);
    } finally {
      if (live.current) setBusy(false);
    }
  };
  const generalBox = general.length ? (
    <div class="error" role="alert">
      {general.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  ) : null;
  return (
    <FormContext.Provider value={state}>
      <form ref={formRef} class={className} noValidate onSubmit={submit} aria-label={rest['aria-label']}>
        {children}
        {generalFirst ? generalBox : null}
        {submitLabel ? (
          <button type="submit" class={submitClass ?? 'primary'} disabled={busy}>
            {submitLabel}
          </button>
        ) : null}
        {after}
        {generalFirst ? null : generalBox}
      </form>
    </FormContext.Provider>
  );
}

export interface FieldProps {
  label?: string;
  /** The request fields whose errors this field shows, besides its control's name (e.g. `expiresInDays` for a control named `days`). */
  names?: string[];
  hint?: string;
  /** An error shown without a form (e.g. by a test); a form's own errors win. */
  error?: string;
  /** The control: an input, select or textarea element. */
  children: VNode<{ id?: string; name?: string; 'aria-describedby'?: string }>;
}

/** A labelled control with its hint and a place for its error; the control is marked aria-invalid when there is one. */
export function Field({ label, names = [], hint, error: ownError, children }: FieldProps) {
  const id = useId();
  const form = useContext(FormContext);
  const controlName = (children.props as { name?: string }).name;
  const all = [controlName ?? '', ...names].filter(Boolean);
  const key = all.join('|');
  useEffect(() => form?.register(id, all), [form?.register, id, key]);
  const error = form?.errors[id] ?? ownError ?? '';
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [(children.props as { 'aria-describedby'?: string })['aria-describedby'], hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  const controlId = (children.props as { id?: string }).id ?? `${id}-control`;
  const control = cloneElement(children, { id: controlId, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': describedBy || undefined });
  return (
    <label class={`field${error ? ' invalid' : ''}`} data-field={id} htmlFor={controlId}>
      {label ? <span class="field-label">{label}</span> : null}
      {control}
      {hint ? (
        <span class="field-hint muted small" id={hintId}>
          {hint}
        </span>
      ) : null}
      <span class="field-error" id={errorId} role="alert">
        {error}
      </span>
    </label>
  );
}
