import { z } from 'zod';
import type { WorkflowDefinitionInput } from '../../engine/definition.ts';
import { outreachDefinition, OutreachTemplateParams } from './outreach-template.ts';

/** A workflow users start from: a definition built from a few parameters, plus what it needs to exist first. */
export interface WorkflowTemplate<P extends z.ZodType = z.ZodType> {
  id: string;
  name: string;
  description: string;
  params: P;
  /** Credential kinds its nodes use; the editor prompts for the missing ones on first open. */
  credentialKinds: readonly string[];
  /** Data tables it reads before it ever writes them (created with the workflow). */
  tables(params: z.output<P>): { name: string; columns: string[] }[];
  build(params: z.output<P>, credentials: Record<string, string>): WorkflowDefinitionInput;
}

export const outreachTemplate: WorkflowTemplate<typeof OutreachTemplateParams> = {
  id: 'entrepreneur-outreach',
  name: 'Entrepreneur outreach',
  description:
    'Finds founders in tech news, enriches them with Hunter, emails each once with an AI-personalised message in their morning, tracks opens, clicks and replies, and follows up until they reply.',
  params: OutreachTemplateParams,
  credentialKinds: ['openAi', 'hunterApi', 'smtp'],
  tables: (p) => [
    {
      name: p.contactsTable,
      columns: ['email', 'firstName', 'lastName', 'company', 'domain', 'stage', 'followUps', 'articleTitle', 'articleUrl', 'timeZone', 'lastSentAt', 'nextFollowUpAt', 'lastMessageId'],
    },
  ],
  build: (p, credentials) => outreachDefinition(p, credentials),
};

export const workflowTemplates: readonly WorkflowTemplate[] = [outreachTemplate as unknown as WorkflowTemplate];

export function findTemplate(id: string): WorkflowTemplate | undefined {
  return workflowTemplates.find((t) => t.id === id);
}
