import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type * as Y from 'yjs';
import { definitionFromDoc } from '../../../../collab/index.ts';
import { expressionLibrary } from '../../../../engine/expressions/library.ts';
import { useTRPC } from '../../../lib/trpc.ts';
import { useDocValue, useEditorSession, useEditorStore } from '../session/editor-session.ts';
import type { CompletionData } from './expression-completions.ts';
import { upstreamNodes, type UpstreamNode } from './upstream.ts';

const sameUpstream = (a: UpstreamNode[], b: UpstreamNode[]) =>
  a.length === b.length && a.every((n, i) => n.id === b[i]!.id && n.name === b[i]!.name && n.distance === b[i]!.distance);

/**
 * What expression autocomplete offers in one node's fields: `$json` from the first item its
 * direct parents produced in the last run, `$node["Name"]` for every node upstream (with their
 * outputs), and the engine's expression library. Returns a stable getter: fields read it only
 * when a completion list opens.
 */
export function useCompletionData(nodeId: string): () => CompletionData {
  const { workflowId } = useEditorSession();
  const trpc = useTRPC();
  const read = useMemo(() => {
    let previous: UpstreamNode[] = [];
    return (doc: Y.Doc) => {
      const { nodes, edges } = definitionFromDoc(doc);
      const next = upstreamNodes(nodeId, nodes, edges);
      return sameUpstream(previous, next) ? previous : (previous = next);
    };
  }, [nodeId]);
  const upstream = useDocValue(read);
  const outputs = useQuery(trpc.run.latestOutputs.queryOptions({ workflowId }, { staleTime: 15_000 }));

  // A run that just finished has new outputs: refetch when the live run settles.
  const liveStatus = useEditorStore((s) => (s.overlay?.source === 'live' ? `${s.overlay.runId}:${s.overlay.runStatus}` : null));
  const { refetch } = outputs;
  useEffect(() => {
    if (liveStatus && /:(succeeded|failed|cancelled)$/.test(liveStatus)) void refetch();
  }, [liveStatus, refetch]);

  const data = useMemo<CompletionData>(() => {
    const samples = outputs.data?.nodes ?? {};
    const parents = upstream.filter((n) => n.distance === 1);
    // Several parents (a Merge): their fields together, the nearest first.
    const json = parents.reduce<Record<string, unknown> | undefined>((merged, parent) => {
      const sample = samples[parent.id]?.sample;
      if (sample === null || typeof sample !== 'object' || Array.isArray(sample)) return merged;
      return { ...(sample as Record<string, unknown>), ...merged };
    }, undefined);
    return {
      json,
      nodes: upstream.map((n) => ({ name: n.name, json: samples[n.id]?.sample })),
      library: expressionLibrary,
    };
  }, [upstream, outputs.data]);

  const latest = useRef(data);
  latest.current = data;
  return useCallback(() => latest.current, []);
}
