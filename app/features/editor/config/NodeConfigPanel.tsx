'use client';

import { useMemo, useState } from 'react';
import { Alert } from '../../../components/Alert.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { WorkflowIcon } from '../../../components/Icons.tsx';
import { cn } from '../../../lib/cn.ts';
import type { CompileIssue } from '../editor-store.ts';
import { useEditorSession, useEditorStore } from '../session/editor-session.ts';
import { issueText, placeIssues, renderedPaths } from './issue-placement.ts';
import { NodeHeader } from './NodeHeader.tsx';
import { ParamsForm } from './ParamsForm.tsx';
import { paramFields } from './schema-fields.ts';
import { SettingsForm } from './SettingsForm.tsx';
import { useConfigNode } from './use-config-node.ts';

type Tab = 'parameters' | 'settings';
const NO_ISSUES: CompileIssue[] = [];

/**
 * The side panel's "Node" tab: the one selected node's name, parameters (a form generated from
 * its type's JSON Schema, with shared text and expression autocomplete) and run settings, with
 * the compiler's findings placed on the fields they are about. Viewers see it all, disabled.
 */
export function NodeConfigPanel() {
  const selected = useEditorStore((s) => s.selectedNodeIds);
  if (selected.length === 1) return <NodeConfig key={selected[0]} nodeId={selected[0]!} />;
  return <SelectionEmptyState ids={selected} />;
}

function SelectionEmptyState({ ids }: { ids: readonly string[] }) {
  const setSelection = useEditorStore((s) => s.setSelection);
  return (
    <EmptyState
      icon={<WorkflowIcon size={20} />}
      title={ids.length === 0 ? 'No node selected' : `${ids.length} nodes selected`}
      data-testid="node-config-empty"
      actions={
        ids.length > 1 ? (
          <div className="flex max-w-full flex-wrap justify-center gap-1.5">
            {ids.slice(0, 8).map((id) => (
              <SelectOne key={id} id={id} onSelect={() => setSelection([id])} />
            ))}
          </div>
        ) : null
      }
    >
      {ids.length === 0 ? 'Select a node on the canvas to edit its parameters and settings.' : 'Select a single node to edit it, or pick one here.'}
    </EmptyState>
  );
}

function SelectOne({ id, onSelect }: { id: string; onSelect(): void }) {
  const { node } = useConfigNode(id);
  if (!node) return null;
  return (
    <button
      type="button"
      onClick={onSelect}
      className="h-7 max-w-40 truncate rounded-md border border-line bg-surface px-2.5 text-[12.5px] text-fg shadow-card hover:bg-subtle"
      data-testid={`node-config-pick-${id}`}
    >
      {node.name}
    </button>
  );
}

function NodeConfig({ nodeId }: { nodeId: string }) {
  const session = useEditorSession();
  const { node, fixed } = useConfigNode(nodeId);
  const issuesKey = useEditorStore((s) => (s.issues[nodeId]?.length ? JSON.stringify(s.issues[nodeId]) : ''));
  const issues = useMemo<CompileIssue[]>(() => (issuesKey ? (JSON.parse(issuesKey) as CompileIssue[]) : NO_ISSUES), [issuesKey]);
  const [tab, setTab] = useState<Tab>('parameters');
  const description = node ? session.nodeTypes.get(node.type) : undefined;
  const readOnly = session.readOnly || fixed;

  const fields = useMemo(
    () =>
      description
        ? paramFields(description.paramsJsonSchema, {
            credentialKinds: description.credentials.map((c) => c.kind),
            rawParams: (description as { rawParams?: readonly string[] }).rawParams ?? [],
          })
        : [],
    [description],
  );
  const params = node?.params;
  const placed = useMemo(() => placeIssues(issues, renderedPaths(fields, params ?? {})), [issues, fields, params]);

  if (!node) {
    return (
      <EmptyState icon={<WorkflowIcon size={20} />} title="This node is gone" data-testid="node-config-empty">
        Someone removed it, or it is not part of the version on screen.
      </EmptyState>
    );
  }

  const paramIssueCount = issues.length - placed.name.length - placed.settings.length;
  return (
    <div className="flex min-h-full flex-col" data-testid="node-config" data-node-id={nodeId} aria-label={`Configure ${node.name}`} role="region">
      <NodeHeader nodeId={nodeId} name={node.name} type={node.type} description={description} readOnly={readOnly} nameIssues={placed.name} />
      {fixed ? (
        <Alert tone="info" className="mx-4 mt-3" data-testid="node-config-fixed">
          You are looking at a past version: it cannot be edited here.
        </Alert>
      ) : session.readOnly ? (
        <p className="mx-4 mt-3 text-[12px] text-faint" data-testid="node-config-readonly">
          You can view this workflow but not change it.
        </p>
      ) : null}
      {!description ? (
        <Alert tone="warning" className="mx-4 mt-3" title={`Unknown node type “${node.type}”`} data-testid="node-config-unknown-type">
          This server does not know this node type, so its parameters cannot be edited. It will not run until it is replaced.
        </Alert>
      ) : null}
      {placed.general.length > 0 ? (
        <Alert tone="error" className="mx-4 mt-3" data-testid="node-config-issues">
          <ul className="flex flex-col gap-0.5">
            {placed.general.map((issue, i) => (
              <li key={i}>{issueText(issue)}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <div role="tablist" aria-label="Node configuration" className="mt-2 flex gap-4 border-b border-line px-4">
        <TabButton id="parameters" current={tab} onSelect={setTab} count={paramIssueCount}>
          Parameters
        </TabButton>
        <TabButton id="settings" current={tab} onSelect={setTab} count={placed.settings.length}>
          Settings
        </TabButton>
      </div>
      <div role="tabpanel" aria-label={tab === 'parameters' ? 'Parameters' : 'Settings'} className="flex-1">
        {tab === 'parameters' ? (
          description ? (
            <ParamsForm nodeId={nodeId} nodeType={description} fields={fields} params={node.params} readOnly={readOnly} placed={placed} />
          ) : (
            <pre className="m-4 overflow-x-auto rounded-md border border-line bg-subtle p-3 font-mono text-[12px] text-muted" data-testid="node-config-raw-params">
              {JSON.stringify(node.params, null, 2)}
            </pre>
          )
        ) : (
          <SettingsForm nodeId={nodeId} settings={node.settings} readOnly={readOnly} issues={placed.settings} />
        )}
      </div>
    </div>
  );
}

function TabButton({ id, current, onSelect, count, children }: { id: Tab; current: Tab; onSelect(tab: Tab): void; count: number; children: string }) {
  const active = id === current;
  return (
    <button
      type="button"
      role="tab"
      aria-selected={active}
      onClick={() => onSelect(id)}
      className={cn(
        '-mb-px flex h-9 items-center gap-1.5 border-b-2 text-[13px] font-medium transition-colors',
        active ? 'border-accent text-fg' : 'border-transparent text-muted hover:text-fg',
      )}
      data-testid={`node-config-tab-${id}`}
    >
      {children}
      {count > 0 ? (
        <span className="inline-flex h-4 min-w-4 items-center justify-center rounded-full bg-danger-soft px-1 text-[10.5px] font-semibold text-danger-text" aria-label={`${count} issues`}>
          {count}
        </span>
      ) : null}
    </button>
  );
}
