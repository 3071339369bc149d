'use client';

import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { definitionFromDoc } from '../../../../collab/index.ts';
import type { EditorStore } from '../editor-store.ts';
import type { WorkflowEdge, WorkflowNode } from '../../../../engine/definition.ts';
import { copySelection, parseClipboard, serializeClipboard } from './clipboard.ts';
import { commandFor, isMacPlatform, isTypingTarget } from './shortcuts.ts';
import type { CanvasActions } from './use-canvas-actions.ts';

type Position = { x: number; y: number };

export interface CanvasKeysOptions {
  actions: CanvasActions;
  doc: Y.Doc;
  store: EditorStore;
  /** The definition on screen when it is not the document (a replayed version); copy reads from it. */
  shownDefinition: () => { nodes: WorkflowNode[]; edges: WorkflowEdge[] } | null;
  /** Where a paste lands: the pointer over the canvas, else the middle of the view. */
  pasteTarget: () => Position;
  onCopied?: (count: number, cut: boolean) => void;
}

/** Text the user has selected on the page: Ctrl+C then copies that text, not nodes. */
const hasTextSelection = () => {
  const selection = typeof window !== 'undefined' ? window.getSelection() : null;
  return Boolean(selection && !selection.isCollapsed && selection.toString().trim());
};

/**
 * Canvas keyboard shortcuts and clipboard. Keys go to the canvas unless the user is typing (an
 * input, a text editor, a dialog). Copy and paste use the browser's clipboard events, so the system
 * clipboard carries the nodes as JSON between tabs and workflows without a permission prompt; cut
 * (which browsers do not signal outside editable text) writes through the async clipboard API.
 */
export function useCanvasKeys(options: CanvasKeysOptions): void {
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    const mac = isMacPlatform();

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || isTypingTarget(event.target)) return;
      const command = commandFor(event, mac);
      if (!command) return;
      // Enter and Space keep their meaning on buttons and links.
      if (command === 'openNode' && (event.target as Element | null)?.closest?.('button, a, [role="button"]')) return;
      event.preventDefault();
      if (command === 'cut') cutSelection();
      else latest.current.actions.run(command);
    };

    const selectionPayload = () => {
      const { store, doc, shownDefinition } = latest.current;
      const ids = store.getState().selectedNodeIds;
      return ids.length === 0 ? null : copySelection(shownDefinition() ?? definitionFromDoc(doc), ids);
    };

    const cutSelection = () => {
      const { actions, onCopied } = latest.current;
      const payload = selectionPayload();
      if (!payload || !actions.canEdit) return;
      // The write is async; the nodes go at once, like any cut.
      void navigator.clipboard?.writeText(serializeClipboard(payload)).catch(() => {});
      actions.run('delete');
      onCopied?.(payload.nodes.length, true);
    };

    const onCopy = (event: ClipboardEvent) => {
      if (isTypingTarget(event.target) || hasTextSelection() || !event.clipboardData) return;
      const payload = selectionPayload();
      if (!payload) return;
      event.preventDefault();
      event.clipboardData.setData('text/plain', serializeClipboard(payload));
      latest.current.onCopied?.(payload.nodes.length, false);
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTypingTarget(event.target) || !event.clipboardData) return;
      const { actions, pasteTarget } = latest.current;
      if (!actions.canEdit) return;
      const payload = parseClipboard(event.clipboardData.getData('text/plain'));
      if (!payload) return;
      event.preventDefault();
      actions.paste(payload, pasteTarget());
    };

    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}
