'use client';

import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { applyPlan, planProposal, ProposalSchema } from '../../../../collab/copilot/index.ts';
import { asOneUndoStep } from '../../../../collab/undo.ts';
import { definitionFromDoc } from '../../../../collab/workflow-doc.ts';
import { useToast } from '../../../components/Toast.tsx';
import { errorMessage } from '../../../lib/errors.ts';
import { useTRPC, type RouterInputs, type RouterOutputs } from '../../../lib/trpc.ts';
import { useEditorSession } from '../session/editor-session.ts';
import { previewLayers } from './proposal-preview.ts';

type DraftInput = Omit<RouterInputs['copilot']['draft'], 'workflowId'>;
export type DraftResult = RouterOutputs['copilot']['draft'];
export type ReadyDraft = Extract<DraftResult, { ok: true }>;

/**
 * One copilot proposal at a time: ask, preview it as ghosts on this user's canvas only, then
 * Accept (re-planned against the document as it is now, applied as one undo step every
 * collaborator sees, marked "drafted by AI for <user>") or Reject (nothing was ever written).
 */
export function useCopilotDraft() {
  const session = useEditorSession();
  const trpc = useTRPC();
  const toast = useToast();
  const [draft, setDraft] = useState<DraftResult | null>(null);
  const mutation = useMutation(trpc.copilot.draft.mutationOptions());

  const clearPreview = useCallback(() => {
    const s = session.store.getState();
    s.setGhost(null);
    if (s.diff?.label === 'Copilot proposal') s.setDiff(null);
  }, [session.store]);

  // Leaving the panel or the editor drops an unaccepted preview.
  useEffect(() => clearPreview, [clearPreview]);

  const ask = useCallback(
    async (input: DraftInput) => {
      clearPreview();
      setDraft(null);
      try {
        const result = await mutation.mutateAsync({ ...input, workflowId: session.workflowId });
        setDraft(result);
        if (result.ok) {
          const { ghost, diff } = previewLayers(result.preview, 'Copilot proposal');
          session.store.getState().setGhost(ghost);
          if (diff) session.store.getState().setDiff(diff);
        }
      } catch (err) {
        setDraft({ ok: false, reason: errorMessage(err), problems: [], usage: [] });
      }
    },
    [clearPreview, mutation, session],
  );

  const accept = useCallback(() => {
    if (!draft?.ok || session.readOnly) return;
    const proposal = ProposalSchema.parse(draft.proposal);
    const planned = planProposal(definitionFromDoc(session.doc), proposal, () => crypto.randomUUID());
    if (!planned.ok) {
      toast({ tone: 'error', title: 'The workflow changed since the draft', description: planned.errors.slice(0, 3).join('; ') });
      return;
    }
    const mark = { by: 'ai' as const, forUserId: session.self.id, forName: session.self.name, at: Date.now() };
    asOneUndoStep(session.doc, session.undo, session.origin, () => applyPlan(session.doc, planned.plan, mark, session.origin));
    clearPreview();
    setDraft(null);
    session.store.getState().setSelection(planned.plan.addedNodes.map((n) => n.id));
    toast({ tone: 'success', title: 'Proposal applied', description: 'Undo reverts it in one step.' });
  }, [clearPreview, draft, session, toast]);

  const reject = useCallback(() => {
    clearPreview();
    setDraft(null);
  }, [clearPreview]);

  return { draft, pending: mutation.isPending, ask, accept, reject };
}
