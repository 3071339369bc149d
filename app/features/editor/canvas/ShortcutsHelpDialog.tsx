'use client';

import { Fragment } from 'react';
import { Dialog } from '../../../components/Dialog.tsx';
import { useEditorSession, useEditorStore } from '../session/editor-session.ts';
import { isMacPlatform, SHORTCUT_HELP, type ShortcutHelp } from './shortcuts.ts';

const GROUPS: ShortcutHelp['group'][] = ['Edit', 'Selection', 'View', 'Help'];

const MAC_KEYS: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥', Delete: 'Del', Backspace: '⌫', Enter: '↵' };
const PC_KEYS: Record<string, string> = { Mod: 'Ctrl', Delete: 'Del', Backspace: 'Backspace', Enter: 'Enter' };

/** Every canvas shortcut, from the same table the key handler uses; opened with `?`. */
export function ShortcutsHelpDialog() {
  const open = useEditorStore((s) => s.helpOpen);
  const setHelpOpen = useEditorStore((s) => s.setHelpOpen);
  const { readOnly } = useEditorSession();
  const names = isMacPlatform() ? MAC_KEYS : PC_KEYS;
  return (
    <Dialog
      open={open}
      onClose={() => setHelpOpen(false)}
      title="Keyboard shortcuts"
      description={readOnly ? 'You can view this workflow; shortcuts that change it are turned off.' : 'They work while the canvas has focus, not while typing in a field.'}
      size="lg"
      data-testid="shortcuts-dialog"
    >
      <div className="grid gap-x-8 gap-y-5 sm:grid-cols-2">
        {GROUPS.map((group) => (
          <section key={group} aria-label={group}>
            <h3 className="mb-1.5 text-[11px] font-semibold tracking-wide text-faint uppercase">{group}</h3>
            <dl className="flex flex-col">
              {SHORTCUT_HELP.filter((s) => s.group === group).map((shortcut) => (
                <div key={shortcut.label} className="flex items-center justify-between gap-3 border-b border-line py-1.5 last:border-b-0">
                  <dt className={readOnly && shortcut.edits ? 'text-[13px] text-faint' : 'text-[13px] text-fg'}>{shortcut.label}</dt>
                  <dd className="flex shrink-0 items-center gap-1.5 text-faint">
                    {shortcut.keys.map((combo, i) => (
                      <Fragment key={i}>
                        {i > 0 ? <span className="text-[11px]">or</span> : null}
                        <span className="flex items-center gap-0.5">
                          {combo.map((key) => (
                            <kbd
                              key={key}
                              className="inline-flex h-5 min-w-5 items-center justify-center rounded border border-line-strong bg-subtle px-1 font-sans text-[11px] font-medium text-muted shadow-card"
                            >
                              {names[key] ?? key}
                            </kbd>
                          ))}
                        </span>
                      </Fragment>
                    ))}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
