'use client';

import { useId, useLayoutEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { cn } from '../lib/cn.ts';
import { errorMessage } from '../lib/errors.ts';
import { Alert } from './Alert.tsx';
import { Button } from './Button.tsx';
import { XIcon } from './Icons.tsx';

type DialogProps = {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons at the bottom right. With `onSubmit`, a `type="submit"` button submits the form. */
  footer?: ReactNode;
  /** Wraps the body and footer in a form, so Enter submits. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  /** While true, Escape and the backdrop do not close the dialog (a request is running). */
  busy?: boolean;
  size?: 'sm' | 'md' | 'lg';
  'data-testid'?: string;
};

const widths = { sm: 'max-w-sm', md: 'max-w-md', lg: 'max-w-xl' };

/**
 * A modal on the native <dialog> element: the browser traps focus, makes the page inert and
 * restores focus on close. Content mounts only while open, so forms start fresh each time.
 * The element marked `data-autofocus` receives focus on open.
 */
export function Dialog({ open, onClose, title, description, children, footer, onSubmit, busy, size = 'md', ...rest }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const pressedBackdrop = useRef(false);
  const titleId = useId();
  const descriptionId = useId();

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      const target = dialog.querySelector<HTMLElement>('[data-autofocus]');
      if (target) {
        target.focus();
        if (target instanceof HTMLInputElement) target.select();
      }
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  const requestClose = () => {
    if (!busy) onClose();
  };

  const body = (
    <>
      <div className="px-5 pt-5 pb-4">
        <div className="flex items-start justify-between gap-4">
          <div className="min-w-0">
            <h2 id={titleId} className="text-base font-semibold tracking-tight text-fg">
              {title}
            </h2>
            {description ? (
              <p id={descriptionId} className="mt-1 text-[13px] leading-relaxed text-muted">
                {description}
              </p>
            ) : null}
          </div>
          <Button variant="ghost" size="icon-sm" className="-mt-1 -mr-2" onClick={requestClose} aria-label="Close dialog">
            <XIcon size={16} />
          </Button>
        </div>
        {children ? <div className="mt-4 flex flex-col gap-4">{children}</div> : null}
      </div>
      {footer ? (
        <div className="flex flex-wrap items-center justify-end gap-2 rounded-b-xl border-t border-line bg-subtle/60 px-5 py-3">
          {footer}
        </div>
      ) : null}
    </>
  );

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      className={cn(
        'm-auto w-[calc(100vw-2rem)] overflow-visible rounded-xl border border-line bg-surface p-0 text-fg shadow-pop open:animate-pop-in',
        widths[size],
      )}
      onCancel={(event) => {
        event.preventDefault();
        // A nested dialog's Escape bubbles here too: only close the one it was meant for.
        if (event.target === event.currentTarget) requestClose();
      }}
      onMouseDown={(event) => {
        pressedBackdrop.current = event.target === event.currentTarget;
      }}
      onClick={(event) => {
        if (pressedBackdrop.current && event.target === event.currentTarget) requestClose();
        pressedBackdrop.current = false;
      }}
      {...rest}
    >
      {open ? (
        onSubmit ? (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              onSubmit(event);
            }}
          >
            {body}
          </form>
        ) : (
          body
        )
      ) : null}
    </dialog>
  );
}

type ConfirmDialogProps = {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  /** Runs the action; the dialog closes when it resolves and shows the error when it rejects. */
  onConfirm: () => Promise<unknown>;
  children?: ReactNode;
};

/** "Are you sure?" for an irreversible action, with its own pending and error states. */
export function ConfirmDialog({ open, onClose, title, description, confirmLabel, tone = 'danger', onConfirm, children }: ConfirmDialogProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setError(null);
    onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={pending}
      size="sm"
      title={title}
      description={description}
      data-testid="confirm-dialog"
      onSubmit={async () => {
        setPending(true);
        setError(null);
        try {
          await onConfirm();
          close();
        } catch (err) {
          setError(errorMessage(err));
        } finally {
          setPending(false);
        }
      }}
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={pending} data-testid="dialog-cancel">
            Cancel
          </Button>
          <Button type="submit" variant={tone} loading={pending} data-autofocus data-testid="confirm-submit">
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children || error ? (
        <>
          {children}
          {error ? <Alert tone="error">{error}</Alert> : null}
        </>
      ) : null}
    </Dialog>
  );
}
