'use client';

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { createPortal } from 'react-dom';
import { cn } from '../lib/cn.ts';

const MenuContext = createContext<{ close: (refocus?: boolean) => void } | null>(null);

type MenuProps = {
  /** What the trigger button shows. */
  trigger: ReactNode;
  /** The trigger's accessible name when its content is only an icon. */
  label?: string;
  triggerClassName?: string;
  triggerTestId?: string;
  align?: 'start' | 'end';
  /** Menu width in pixels; defaults to the wider of 200 and the trigger. */
  width?: number;
  children: ReactNode;
};

/**
 * A dropdown menu following the WAI-ARIA menu button pattern: arrow keys move between
 * items, Escape closes and returns focus, a click outside closes. It renders in a layer
 * above the page, so scrolling containers never clip it, and flips upwards near the
 * bottom of the window.
 */
export function Menu({ trigger, label, triggerClassName, triggerTestId, align = 'start', width, children }: MenuProps) {
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState<{ top: number; left: number; width: number } | null>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const close = useCallback((refocus = true) => {
    setOpen(false);
    setPosition(null);
    if (refocus) triggerRef.current?.focus();
  }, []);

  const items = () => [...(menuRef.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])') ?? [])];

  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      const anchor = triggerRef.current?.getBoundingClientRect();
      const menu = menuRef.current;
      if (!anchor || !menu) return;
      const w = width ?? Math.max(200, anchor.width);
      const h = menu.offsetHeight;
      let top = anchor.bottom + 4;
      if (top + h > window.innerHeight - 8 && anchor.top - h - 4 > 8) top = anchor.top - h - 4;
      let left = align === 'end' ? anchor.right - w : anchor.left;
      left = Math.min(Math.max(8, left), window.innerWidth - w - 8);
      setPosition({ top, left, width: w });
    };
    place();
    items()[0]?.focus();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [open, align, width]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (menuRef.current?.contains(target) || triggerRef.current?.contains(target)) return;
      close(false);
    };
    const onScroll = (event: Event) => {
      if (menuRef.current?.contains(event.target as Node)) return;
      close(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    window.addEventListener('scroll', onScroll, true);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      window.removeEventListener('scroll', onScroll, true);
    };
  }, [open, close]);

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(index + 1);
      case 'ArrowUp':
        return move(index - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(list.length - 1);
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        return close();
      case 'Tab':
        return close(false);
    }
  };

  return (
    <>
      <button
        ref={triggerRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        data-testid={triggerTestId}
        className={triggerClassName}
        onClick={() => (open ? close(false) : setOpen(true))}
        onKeyDown={(event) => {
          if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        {trigger}
      </button>
      {open
        ? createPortal(
            <MenuContext.Provider value={{ close }}>
              <div
                ref={menuRef}
                id={menuId}
                role="menu"
                aria-label={label}
                tabIndex={-1}
                onKeyDown={onMenuKeyDown}
                style={{
                  position: 'fixed',
                  top: position?.top ?? -9999,
                  left: position?.left ?? -9999,
                  width: position?.width ?? width ?? 200,
                  visibility: position ? 'visible' : 'hidden',
                }}
                className="z-50 max-h-[min(420px,80vh)] animate-pop-in overflow-y-auto rounded-lg border border-line bg-surface p-1 text-fg shadow-pop focus:outline-none"
              >
                {children}
              </div>
            </MenuContext.Provider>,
            document.body,
          )
        : null}
    </>
  );
}

type MenuItemProps = {
  onSelect: () => void;
  icon?: ReactNode;
  children: ReactNode;
  tone?: 'default' | 'danger';
  disabled?: boolean;
  /** Marks the current choice (workspace switcher, theme). */
  checked?: boolean;
  hint?: ReactNode;
  'data-testid'?: string;
};

export function MenuItem({ onSelect, icon, children, tone = 'default', disabled, checked, hint, ...rest }: MenuItemProps) {
  const ctx = useContext(MenuContext);
  return (
    <button
      type="button"
      role={checked === undefined ? 'menuitem' : 'menuitemradio'}
      aria-checked={checked}
      aria-disabled={disabled || undefined}
      tabIndex={-1}
      className={cn(
        'flex w-full items-center gap-2.5 rounded-md px-2 py-1.5 text-left text-[13px] outline-none',
        'focus:bg-hover hover:bg-hover aria-disabled:pointer-events-none aria-disabled:opacity-50',
        tone === 'danger' ? 'text-danger-text' : 'text-fg',
      )}
      onClick={() => {
        if (disabled) return;
        ctx?.close(false);
        onSelect();
      }}
      {...rest}
    >
      {icon ? <span className={cn('shrink-0', tone === 'danger' ? 'text-danger-text' : 'text-faint')}>{icon}</span> : null}
      <span className="min-w-0 flex-1 truncate">{children}</span>
      {hint ? <span className="shrink-0 text-xs text-faint">{hint}</span> : null}
    </button>
  );
}

export function MenuSeparator() {
  return <div role="separator" className="-mx-1 my-1 h-px bg-line" />;
}

export function MenuLabel({ children }: { children: ReactNode }) {
  return <div className="px-2 pt-1.5 pb-1 text-[11px] font-medium tracking-wide text-faint uppercase">{children}</div>;
}

/** Non-interactive content at the top of a menu (who is signed in). */
export function MenuHeader({ children }: { children: ReactNode }) {
  return <div className="px-2 py-2">{children}</div>;
}
