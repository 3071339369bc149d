'use client';

import { useState, type ReactNode } from 'react';
import { setNodeSettings } from '../../../../collab/index.ts';
import { NodeSettingsSchema, type NodeSettings } from '../../../../engine/definition.ts';
import { Alert } from '../../../components/Alert.tsx';
import type { CompileIssue } from '../editor-store.ts';
import { useEditorSession } from '../session/editor-session.ts';
import { SelectInput, Switch, TextInput } from './controls.tsx';
import { FieldShell } from './fields/FieldShell.tsx';
import { issueText } from './issue-placement.ts';

const ON_ERROR: { value: NodeSettings['onError']; label: string; help: string }[] = [
  { value: 'stop', label: 'Stop the run', help: 'A failure fails the whole run.' },
  { value: 'continue', label: 'Continue', help: 'The node outputs nothing and the run goes on.' },
  { value: 'error-output', label: 'Use an error output', help: 'Failed items leave through an extra "error" output you can connect.' },
];

/**
 * The Settings tab: how the engine runs this node (retries with backoff, timeout, what a
 * failure does, disabled). Settings are one value in the document, replaced whole on each change.
 */
export function SettingsForm({ nodeId, settings: raw, readOnly, issues }: { nodeId: string; settings: unknown; readOnly: boolean; issues: readonly CompileIssue[] }) {
  const { doc, origin } = useEditorSession();
  const parsed = NodeSettingsSchema.safeParse(raw ?? {});
  const settings: NodeSettings = parsed.success ? parsed.data : NodeSettingsSchema.parse({});
  const [error, setError] = useState<string | null>(null);

  const write = (patch: Partial<NodeSettings>) => {
    if (readOnly) return;
    try {
      setNodeSettings(doc, nodeId, { ...settings, ...patch }, origin);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const onError = ON_ERROR.find((o) => o.value === settings.onError) ?? ON_ERROR[0]!;

  return (
    <div className="flex flex-col gap-4 px-4 py-4" data-testid="node-config-settings">
      {issues.length > 0 || error || !parsed.success ? (
        <Alert tone="error" data-testid="settings-error">
          {[...issues.map(issueText), ...(error ? [error] : []), ...(!parsed.success ? ['Stored settings are invalid; defaults are shown.'] : [])].join(' · ')}
        </Alert>
      ) : null}

      <Section title="Retries">
        <SettingNumber nodeId={nodeId} path="settings.retries" label="Retry attempts" help="Extra attempts after a failure (0 to 10)." value={settings.retries} min={0} max={10} readOnly={readOnly} onCommit={(retries) => write({ retries: retries ?? 0 })} testId="settings-retry-attempts" />
        {settings.retries > 0 ? (
          <>
            <FieldShell nodeId={nodeId} path="settings.backoff.kind" label="Backoff">
              {(ids) => (
                <SelectInput id={ids.id} disabled={readOnly} value={settings.backoff.kind} onChange={(e) => write({ backoff: { ...settings.backoff, kind: e.target.value as NodeSettings['backoff']['kind'] } })} data-testid="settings-backoff-kind">
                  <option value="exponential">Exponential (delay doubles each retry)</option>
                  <option value="fixed">Fixed (same delay each retry)</option>
                </SelectInput>
              )}
            </FieldShell>
            <div className="grid grid-cols-2 gap-3">
              <SettingNumber nodeId={nodeId} path="settings.backoff.baseMs" label="First delay (ms)" value={settings.backoff.baseMs} min={0} max={3_600_000} readOnly={readOnly} onCommit={(baseMs) => write({ backoff: { ...settings.backoff, baseMs: baseMs ?? 1000 } })} testId="settings-backoff-base" />
              <SettingNumber nodeId={nodeId} path="settings.backoff.maxMs" label="Longest delay (ms)" value={settings.backoff.maxMs} min={0} max={86_400_000} readOnly={readOnly} onCommit={(maxMs) => write({ backoff: { ...settings.backoff, maxMs: maxMs ?? 60_000 } })} testId="settings-backoff-max" />
            </div>
          </>
        ) : null}
      </Section>

      <Section title="Limits">
        <SettingNumber
          nodeId={nodeId}
          path="settings.timeoutMs"
          label="Timeout (ms)"
          help="Upper bound for each invocation (once per item for per-item nodes). Empty: no timeout."
          value={settings.timeoutMs}
          min={1}
          max={86_400_000}
          optional
          placeholder="No timeout"
          readOnly={readOnly}
          onCommit={(timeoutMs) => {
            const { timeoutMs: _old, ...rest } = settings;
            write(timeoutMs === undefined ? rest : { ...rest, timeoutMs });
          }}
          testId="settings-timeout"
        />
      </Section>

      <Section title="Failures">
        <FieldShell nodeId={nodeId} path="settings.onError" label="On error" help={onError.help}>
          {(ids) => (
            <SelectInput id={ids.id} aria-describedby={ids.describedBy} disabled={readOnly} value={settings.onError} onChange={(e) => write({ onError: e.target.value as NodeSettings['onError'] })} data-testid="settings-on-error">
              {ON_ERROR.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </SelectInput>
          )}
        </FieldShell>
        <FieldShell nodeId={nodeId} path="settings.disabled" label="Disabled" help="A disabled node passes its input through unchanged." inline>
          {(ids) => <Switch id={ids.id} label="Disabled" aria-describedby={ids.describedBy} checked={settings.disabled} disabled={readOnly} onChange={(disabled) => write({ disabled })} data-testid="settings-disabled" />}
        </FieldShell>
      </Section>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="flex flex-col gap-3" aria-label={title}>
      <h3 className="text-[11px] font-semibold tracking-wide text-faint uppercase">{title}</h3>
      {children}
    </section>
  );
}

/** A whole-number setting: written only when it parses and is in range, so invalid settings never reach the document. */
function SettingNumber({
  nodeId,
  path,
  label,
  help,
  value,
  min,
  max,
  optional,
  placeholder,
  readOnly,
  onCommit,
  testId,
}: {
  nodeId: string;
  path: string;
  label: string;
  help?: string;
  value: number | undefined;
  min: number;
  max: number;
  optional?: boolean;
  placeholder?: string;
  readOnly: boolean;
  onCommit(value: number | undefined): void;
  testId: string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = (text: string) => {
    setDraft(text);
    const trimmed = text.trim();
    if (trimmed === '') {
      if (optional) {
        setError(null);
        onCommit(undefined);
      } else setError('Enter a number');
      return;
    }
    const n = Number(trimmed);
    if (!Number.isInteger(n)) return setError('Enter a whole number');
    if (n < min || n > max) return setError(`Between ${min.toLocaleString()} and ${max.toLocaleString()}`);
    setError(null);
    onCommit(n);
  };
  return (
    <FieldShell nodeId={nodeId} path={path} label={label} help={help} localError={error}>
      {(ids) => (
        <TextInput
          id={ids.id}
          inputMode="numeric"
          aria-describedby={ids.describedBy}
          aria-invalid={ids.invalid || undefined}
          disabled={readOnly}
          placeholder={placeholder}
          value={draft ?? (value === undefined ? '' : String(value))}
          onChange={(e) => commit(e.target.value)}
          onBlur={() => {
            setDraft(null);
            setError(null);
          }}
          data-testid={testId}
        />
      )}
    </FieldShell>
  );
}
