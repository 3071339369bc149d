import { createContext, useContext } from 'react';
import type { NodeTypeDescription } from '../../../../engine/registry.ts';
import type { CompileIssue } from '../editor-store.ts';
import type { CompletionData } from './expression-completions.ts';
import type { TextBinding } from './text-binding.ts';
import type { Path } from './value-path.ts';

/** What every field of one node's form needs: where to write, what to show, what to suggest. */
export interface ParamForm {
  nodeId: string;
  nodeType: NodeTypeDescription;
  workspaceId: string;
  readOnly: boolean;
  /** Replaces the value at a params path (undefined removes it); nested paths rewrite their top-level param. */
  write(path: Path, value: unknown): void;
  /** The shared-text binding of a top-level string param (stable per key). */
  textBinding(key: string): TextBinding;
  /** Compiler findings placed on this dotted path. */
  issuesAt(path: string): readonly CompileIssue[];
  /** Autocomplete data, read when a completion list opens (so inputs need not re-render when it changes). */
  completionData(): CompletionData;
}

export const ParamFormContext = createContext<ParamForm | null>(null);

export function useParamForm(): ParamForm {
  const form = useContext(ParamFormContext);
  if (!form) throw new Error('useParamForm must be used inside <ParamsForm>');
  return form;
}
