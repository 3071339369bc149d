import type { AnyNodeDefinition } from '../node-api.ts';
import { aggregate } from './aggregate.ts';
import { aiChat } from './ai-chat.ts';
import { code } from './code.ts';
import { dataTable } from './data-table.ts';
import { enrich } from './enrich-person.ts';
import { filter } from './filter.ts';
import { htmlExtract } from './html-extract.ts';
import { httpRequest } from './http-request.ts';
import { hunter } from './hunter.ts';
import { ifNode } from './if.ts';
import { manualTrigger } from './manual-trigger.ts';
import { merge } from './merge.ts';
import { noOp } from './no-op.ts';
import { outreachEventTrigger } from './outreach-event-trigger.ts';
import { respondToWebhook } from './respond-to-webhook.ts';
import { rssFeedTrigger } from './rss-feed-trigger.ts';
import { rssRead } from './rss-read.ts';
import { scheduleTrigger } from './schedule-trigger.ts';
import { sendEmail } from './send-email.ts';
import { sendWindow } from './send-window.ts';
import { set } from './set.ts';
import { splitInBatches } from './split-in-batches.ts';
import { switchNode } from './switch.ts';
import { wait } from './wait.ts';
import { webhookTrigger } from './webhook-trigger.ts';

/** Type ids of the built-in nodes. */
export const CoreNodeType = {
  ManualTrigger: 'core.manualTrigger',
  WebhookTrigger: 'core.webhookTrigger',
  ScheduleTrigger: 'core.scheduleTrigger',
  HttpRequest: 'core.httpRequest',
  Set: 'core.set',
  Filter: 'core.filter',
  If: 'core.if',
  Switch: 'core.switch',
  Merge: 'core.merge',
  SplitInBatches: 'core.splitInBatches',
  Aggregate: 'core.aggregate',
  Code: 'core.code',
  Wait: 'core.wait',
  RespondToWebhook: 'core.respondToWebhook',
  NoOp: 'core.noOp',
  RssRead: 'core.rssRead',
  RssFeedTrigger: 'core.rssFeedTrigger',
  AiChat: 'ai.chat',
  HtmlExtract: 'core.htmlExtract',
  Hunter: 'outreach.hunter',
  Enrich: 'outreach.enrich',
  OutreachEventTrigger: 'outreach.eventTrigger',
  SendEmail: 'outreach.sendEmail',
  SendWindow: 'outreach.sendWindow',
  DataTable: 'core.dataTable',
} as const;
export type CoreNodeType = (typeof CoreNodeType)[keyof typeof CoreNodeType];

export const coreNodes: readonly AnyNodeDefinition[] = [
  manualTrigger,
  webhookTrigger,
  scheduleTrigger,
  httpRequest,
  set,
  filter,
  ifNode,
  switchNode,
  merge,
  splitInBatches,
  aggregate,
  code,
  wait,
  respondToWebhook,
  noOp,
  rssRead,
  rssFeedTrigger,
  aiChat,
  htmlExtract,
  hunter,
  enrich,
  outreachEventTrigger,
  sendEmail,
  sendWindow,
  dataTable,
] as readonly AnyNodeDefinition[];

export {
  aggregate,
  aiChat,
  code,
  dataTable,
  enrich,
  filter,
  htmlExtract,
  httpRequest,
  hunter,
  ifNode,
  manualTrigger,
  merge,
  noOp,
  outreachEventTrigger,
  respondToWebhook,
  rssFeedTrigger,
  rssRead,
  scheduleTrigger,
  sendEmail,
  sendWindow,
  set,
  splitInBatches,
  switchNode,
  wait,
  webhookTrigger,
};
