/** Webhook → Set → IF → two Set branches → Respond to Webhook: the throughput benchmark's workflow. */
export const REFERENCE_FLOW = {
  schemaVersion: 1,
  nodes: [
    { id: 'hook', type: 'core.webhookTrigger', name: 'Hook', params: { path: 'orders', method: 'POST', responseMode: 'respondNode' } },
    { id: 'shape', type: 'core.set', name: 'Shape', params: { fields: [{ name: 'amount', value: '{{ $json.body.amount }}', type: 'number' }], keepOthers: false } },
    { id: 'big', type: 'core.if', name: 'Big?', params: { conditions: [{ left: '{{ $json.amount }}', operator: 'gt', right: 100 }] } },
    { id: 'yes', type: 'core.set', name: 'Yes', params: { fields: [{ name: 'tier', value: 'big' }] } },
    { id: 'no', type: 'core.set', name: 'No', params: { fields: [{ name: 'tier', value: 'small' }] } },
    { id: 'reply', type: 'core.respondToWebhook', name: 'Reply', params: { status: 200, respondWith: 'firstItem' } },
  ],
  edges: [
    { id: 'e1', source: 'hook', target: 'shape' },
    { id: 'e2', source: 'shape', target: 'big' },
    { id: 'e3', source: 'big', sourceOutput: 'true', target: 'yes' },
    { id: 'e4', source: 'big', sourceOutput: 'false', target: 'no' },
    { id: 'e5', source: 'yes', target: 'reply' },
    { id: 'e6', source: 'no', target: 'reply' },
  ],
};
