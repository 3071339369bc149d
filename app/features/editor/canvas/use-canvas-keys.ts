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
 * input, a text editor, a dialog). Copy, cut and paste use the browser's clipboard events, so the
 * system clipboard carries the nodes as JSON between tabs and workflows without a permission prompt.
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
      latest.current.actions.run(command);
    };

    const copy = (event: ClipboardEvent, cut: boolean) => {
      if (isTypingTarget(event.target) || hasTextSelection() || !event.clipboardData) return;
      const { store, doc, shownDefinition, actions, onCopied } = latest.current;
      const ids = store.getState().selectedNodeIds;
      if (ids.length === 0) return;
      const payload = copySelection(shownDefinition() ?? definitionFromDoc(doc), ids);
      if (!payload) return;
      event.preventDefault();
      event.clipboardData.setData('text/plain', serializeClipboard(payload));
      if (cut && actions.canEdit) actions.run('delete');
      onCopied?.(payload.nodes.length, cut && actions.canEdit);
    };
    const onCopy = (event: ClipboardEvent) => copy(event, false);
    const onCut = (event: ClipboardEvent) => copy(event, true);
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
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}
