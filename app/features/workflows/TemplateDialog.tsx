'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field, Input, Textarea } from '../../components/Input.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';

type Form = { feeds: string; followUpDays: string; maxFollowUps: string; senderName: string; website: string; pitch: string };

const INITIAL: Form = {
  feeds: 'https://techcrunch.com/category/startups/feed/',
  followUpDays: '3',
  maxFollowUps: '2',
  senderName: '',
  website: 'https://flowforge.dev',
  pitch: '',
};

/**
 * Starts a workflow from a template (today: Entrepreneur outreach) with its main parameters;
 * everything else stays editable in the editor, which then asks for the credentials it needs.
 */
export function TemplateDialog({ open, onClose, workspaceId }: { open: boolean; onClose: () => void; workspaceId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const templates = useQuery({ ...trpc.workflow.templates.queryOptions({ workspaceId }), enabled: open });
  const [form, setForm] = useState<Form>(INITIAL);
  const create = useMutation(
    trpc.workflow.createFromTemplate.mutationOptions({
      onSuccess: async (workflow) => {
        await queryClient.invalidateQueries(trpc.workflow.list.pathFilter());
        router.push(`/w/${workspaceId}/workflows/${workflow.id}`);
      },
    }),
  );
  const template = templates.data?.[0];
  const set = (key: keyof Form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={create.isPending}
      title={template?.name ?? 'Templates'}
      description={template?.description}
      data-testid="template-dialog"
      onSubmit={() => {
        if (!template) return;
        create.mutate({
          workspaceId,
          templateId: template.id,
          params: {
            feeds: form.feeds.split(/\s+/).filter(Boolean),
            followUpDays: Number(form.followUpDays),
            maxFollowUps: Number(form.maxFollowUps),
            senderName: form.senderName.trim(),
            website: form.website.trim(),
            ...(form.pitch.trim() ? { pitch: form.pitch.trim() } : {}),
          },
        });
      }}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" loading={create.isPending} disabled={!template} data-testid="template-create">
            Create workflow
          </Button>
        </>
      }
    >
      <Field label="News feeds" hint="One RSS or Atom URL per line">
        <Textarea value={form.feeds} onChange={set('feeds')} rows={2} data-testid="template-feeds" />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Follow up after (days)">
          <Input type="number" min={1} max={60} value={form.followUpDays} onChange={set('followUpDays')} data-testid="template-follow-up-days" />
        </Field>
        <Field label="Follow-ups at most">
          <Input type="number" min={0} max={5} value={form.maxFollowUps} onChange={set('maxFollowUps')} data-testid="template-max-follow-ups" />
        </Field>
      </div>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Sender name">
          <Input value={form.senderName} onChange={set('senderName')} placeholder="Sam from FlowForge" data-testid="template-sender" />
        </Field>
        <Field label="Website in the signature">
          <Input value={form.website} onChange={set('website')} />
        </Field>
      </div>
      <Field label="Your pitch" aside={<span className="text-xs text-faint">Optional</span>} hint="One or two sentences the AI works into each email">
        <Textarea value={form.pitch} onChange={set('pitch')} rows={2} placeholder="We help early-stage founders automate…" />
      </Field>
      <p className="text-xs text-muted">Prompts, the send window and every node stay editable in the editor; it asks for the AI, Hunter and SMTP credentials on first open.</p>
      {create.error ? <Alert tone="error">{errorMessage(create.error)}</Alert> : null}
      {templates.error ? <Alert tone="error">{errorMessage(templates.error)}</Alert> : null}
    </Dialog>
  );
}
