'use client';

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { cn } from '../lib/cn.ts';
import { AlertIcon, CheckCircleIcon, InfoIcon, XIcon } from './Icons.tsx';

type Tone = 'success' | 'error' | 'info';
type Toast = { id: number; tone: Tone; title: string; description?: string; action?: { label: string; onClick: () => void } };
type ToastInput = Omit<Toast, 'id'>;

const ToastContext = createContext<((toast: ToastInput) => void) | null>(null);

/** Short confirmations ("Workflow duplicated") and failures of actions that have no form to show them in. */
export function useToast() {
  const push = useContext(ToastContext);
  if (!push) throw new Error('useToast must be used inside <ToastProvider>');
  return push;
}

const icons: Record<Tone, ReactNode> = {
  success: <CheckCircleIcon size={16} className="text-success-text" />,
  error: <AlertIcon size={16} className="text-danger-text" />,
  info: <InfoIcon size={16} className="text-accent-text" />,
};

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);

  const push = useCallback(
    (toast: ToastInput) => {
      const id = nextId.current++;
      setToasts((all) => [...all.slice(-3), { ...toast, id }]);
      setTimeout(() => dismiss(id), toast.tone === 'error' || toast.action ? 8000 : 4000);
    },
    [dismiss],
  );

  const value = useMemo(() => push, [push]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div
        aria-live="polite"
        aria-relevant="additions"
        className="pointer-events-none fixed right-4 bottom-4 z-[60] flex w-[min(360px,calc(100vw-2rem))] flex-col gap-2"
      >
        {toasts.map((toast) => (
          <div
            key={toast.id}
            role={toast.tone === 'error' ? 'alert' : 'status'}
            data-testid="toast"
            className={cn(
              'pointer-events-auto flex animate-toast-in items-start gap-2.5 rounded-lg border border-line bg-surface px-3.5 py-3 shadow-pop',
            )}
          >
            <span className="mt-px shrink-0">{icons[toast.tone]}</span>
            <div className="min-w-0 flex-1">
              <p className="text-[13px] font-medium text-fg">{toast.title}</p>
              {toast.description ? <p className="mt-0.5 text-xs break-words text-muted">{toast.description}</p> : null}
            </div>
            {toast.action ? (
              <button
                type="button"
                className="-my-1 shrink-0 rounded-md px-2 py-1 text-[13px] font-medium text-accent-text hover:bg-accent-soft"
                onClick={() => {
                  toast.action?.onClick();
                  dismiss(toast.id);
                }}
              >
                {toast.action.label}
              </button>
            ) : null}
            <button
              type="button"
              onClick={() => dismiss(toast.id)}
              className="-m-1 shrink-0 rounded p-1 text-faint hover:text-fg"
              aria-label="Dismiss notification"
            >
              <XIcon size={14} />
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
