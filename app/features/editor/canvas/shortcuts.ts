/**
 * Canvas keyboard shortcuts: one table drives both the key handler and the help dialog, so
 * what the dialog lists is exactly what works. "Mod" is ⌘ on macOS and Ctrl elsewhere.
 */

export type CanvasCommand =
  | 'undo'
  | 'redo'
  | 'cut'
  | 'delete'
  | 'duplicate'
  | 'selectAll'
  | 'clearSelection'
  | 'openNode'
  | 'fitView'
  | 'zoomIn'
  | 'zoomOut'
  | 'zoomReset'
  | 'autoLayout'
  | 'addNode'
  | 'help';

export type KeyLike = {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
};

export interface ShortcutHelp {
  group: 'Edit' | 'Selection' | 'View' | 'Help';
  label: string;
  /** Each entry is one way to press it; keys inside an entry are pressed together. */
  keys: string[][];
  /** Commands that change the workflow; viewers see them but they do nothing. */
  edits?: boolean;
}

/** Shortcuts handled elsewhere (the browser's copy/cut/paste events, React Flow's pointer gestures) listed for help only. */
export const SHORTCUT_HELP: readonly ShortcutHelp[] = [
  { group: 'Edit', label: 'Undo', keys: [['Mod', 'Z']], edits: true },
  { group: 'Edit', label: 'Redo', keys: [['Mod', 'Shift', 'Z'], ['Mod', 'Y']], edits: true },
  { group: 'Edit', label: 'Copy', keys: [['Mod', 'C']] },
  { group: 'Edit', label: 'Cut', keys: [['Mod', 'X']], edits: true },
  { group: 'Edit', label: 'Paste', keys: [['Mod', 'V']], edits: true },
  { group: 'Edit', label: 'Duplicate', keys: [['Mod', 'D']], edits: true },
  { group: 'Edit', label: 'Delete', keys: [['Delete'], ['Backspace']], edits: true },
  { group: 'Edit', label: 'Tidy up (auto-layout)', keys: [['Shift', 'Alt', 'T']], edits: true },
  { group: 'Edit', label: 'Add a node (search the palette)', keys: [['N']], edits: true },
  { group: 'Selection', label: 'Select all', keys: [['Mod', 'A']] },
  { group: 'Selection', label: 'Add to selection', keys: [['Shift', 'Click']] },
  { group: 'Selection', label: 'Select with a box', keys: [['Shift', 'Drag']] },
  { group: 'Selection', label: 'Clear selection', keys: [['Esc']] },
  { group: 'Selection', label: 'Open node settings', keys: [['Enter'], ['Double-click']] },
  { group: 'View', label: 'Fit to view', keys: [['Shift', '1'], ['F']] },
  { group: 'View', label: 'Zoom in', keys: [['+']] },
  { group: 'View', label: 'Zoom out', keys: [['-']] },
  { group: 'View', label: 'Zoom to 100%', keys: [['0']] },
  { group: 'View', label: 'Zoom with the wheel', keys: [['Ctrl', 'Scroll'], ['Pinch']] },
  { group: 'View', label: 'Pan', keys: [['Drag'], ['Scroll']] },
  { group: 'Help', label: 'Keyboard shortcuts', keys: [['?']] },
];

/** The command a key press means on the canvas, or null. */
export function commandFor(e: KeyLike, isMac: boolean): CanvasCommand | null {
  const mod = isMac ? e.metaKey : e.ctrlKey;
  const other = isMac ? e.ctrlKey : e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (other) return null;
  if (mod) {
    if (e.altKey) return null;
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !e.shiftKey) return 'redo';
    // Browsers fire no "cut" event without an editable selection, so cut is a key command.
    if (key === 'x' && !e.shiftKey) return 'cut';
    if (key === 'd' && !e.shiftKey) return 'duplicate';
    if (key === 'a' && !e.shiftKey) return 'selectAll';
    return null;
  }
  if (e.altKey) return e.shiftKey && e.code === 'KeyT' ? 'autoLayout' : null;
  if (e.shiftKey && e.code === 'Digit1') return 'fitView';
  if (key === '?' || (e.shiftKey && e.code === 'Slash')) return 'help';
  if (key === '+' || key === '=') return 'zoomIn';
  if (e.shiftKey) return null;
  switch (key) {
    case 'Delete':
    case 'Backspace':
      return 'delete';
    case 'Escape':
      return 'clearSelection';
    case 'Enter':
      return 'openNode';
    case 'f':
      return 'fitView';
    case '-':
      return 'zoomOut';
    case '0':
      return 'zoomReset';
    case 'n':
      return 'addNode';
    default:
      return null;
  }
}

/** Where key presses belong to the element (typing, a menu, a dialog) rather than the canvas. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(type);
  }
  return Boolean(el.closest('[contenteditable="true"], [role="textbox"], [role="menu"], [role="listbox"], [role="combobox"], .cm-editor, dialog'));
}

export const isMacPlatform = (): boolean =>
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test((navigator as { userAgentData?: { platform?: string } }).userAgentData?.platform ?? navigator.platform);
