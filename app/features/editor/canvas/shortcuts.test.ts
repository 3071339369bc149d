import { describe, expect, it } from 'vitest';
import { commandFor, isTypingTarget, type KeyLike } from './shortcuts.ts';

const press = (key: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('commandFor', () => {
  it('maps undo and both redo chords with Ctrl off macOS and ⌘ on macOS', () => {
    expect(commandFor(press('z', { ctrlKey: true }), false)).toBe('undo');
    expect(commandFor(press('Z', { ctrlKey: true, shiftKey: true }), false)).toBe('redo');
    expect(commandFor(press('y', { ctrlKey: true }), false)).toBe('redo');
    expect(commandFor(press('z', { metaKey: true }), true)).toBe('undo');
    expect(commandFor(press('z', { ctrlKey: true }), true)).toBeNull();
  });

  it('maps editing and selection keys', () => {
    expect(commandFor(press('Delete'), false)).toBe('delete');
    expect(commandFor(press('Backspace'), false)).toBe('delete');
    expect(commandFor(press('d', { ctrlKey: true }), false)).toBe('duplicate');
    expect(commandFor(press('a', { ctrlKey: true }), false)).toBe('selectAll');
    expect(commandFor(press('Escape'), false)).toBe('clearSelection');
    expect(commandFor(press('Enter'), false)).toBe('openNode');
    expect(commandFor(press('T', { shiftKey: true, altKey: true, code: 'KeyT' }), false)).toBe('autoLayout');
  });

  it('maps view keys by physical key where layouts differ', () => {
    expect(commandFor(press('!', { shiftKey: true, code: 'Digit1' }), false)).toBe('fitView');
    expect(commandFor(press('f'), false)).toBe('fitView');
    expect(commandFor(press('+', { shiftKey: true }), false)).toBe('zoomIn');
    expect(commandFor(press('-'), false)).toBe('zoomOut');
    expect(commandFor(press('0'), false)).toBe('zoomReset');
    expect(commandFor(press('?', { shiftKey: true }), false)).toBe('help');
    expect(commandFor(press('/', { shiftKey: true, code: 'Slash' }), false)).toBe('help');
  });

  it('leaves copy and paste to the clipboard events and ignores unrelated chords', () => {
    expect(commandFor(press('c', { ctrlKey: true }), false)).toBeNull();
    expect(commandFor(press('x', { ctrlKey: true }), false)).toBe('cut');
    expect(commandFor(press('v', { ctrlKey: true }), false)).toBeNull();
    expect(commandFor(press('x'), false)).toBeNull();
    expect(commandFor(press('Delete', { shiftKey: true }), false)).toBeNull();
    expect(commandFor(press('z', { ctrlKey: true, altKey: true }), false)).toBeNull();
  });
});

describe('isTypingTarget', () => {
  const element = (tagName: string, extra: Record<string, unknown> = {}, inside = false) =>
    ({ tagName, isContentEditable: false, closest: () => (inside ? {} : null), ...extra }) as unknown as EventTarget;

  it('treats text fields and anything inside an editor or dialog as typing', () => {
    expect(isTypingTarget(element('TEXTAREA'))).toBe(true);
    expect(isTypingTarget(element('INPUT', { type: 'text' }))).toBe(true);
    expect(isTypingTarget(element('DIV', { isContentEditable: true }))).toBe(true);
    expect(isTypingTarget(element('SPAN', {}, true))).toBe(true);
  });

  it('lets the canvas have keys pressed on buttons, checkboxes and the page', () => {
    expect(isTypingTarget(element('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isTypingTarget(element('BUTTON'))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
