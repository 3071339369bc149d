'use client';

import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { useEditorStore } from '../session/editor-session.ts';

/** Brings a new copilot proposal into view (with the workflow around it) when it appears. */
export function FitOnProposal() {
  const ghost = useEditorStore((s) => s.ghost);
  const { fitView } = useReactFlow();
  useEffect(() => {
    if (!ghost || ghost.nodes.length === 0) return;
    // After React Flow has measured the ghost cards.
    const timer = setTimeout(() => void fitView({ padding: 0.25, duration: 300, maxZoom: 1 }), 60);
    return () => clearTimeout(timer);
  }, [ghost, fitView]);
  return null;
}
