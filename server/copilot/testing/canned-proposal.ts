/**
 * A model answer tests feed the fake OpenAI server: every morning, read a feed, draft an email
 * per article (three nodes, two edges; valid against the default registry).
 */
export const cannedMorningProposal = {
  summary: 'Every morning: read TechCrunch, draft a personal email per article',
  addNodes: [
    { ref: 'every', type: 'core.scheduleTrigger', name: 'Every morning', params: { cron: '0 8 * * *' } },
    { ref: 'feed', type: 'core.rssRead', name: 'TechCrunch', params: { url: 'https://techcrunch.com/feed/' } },
    { ref: 'draft', type: 'ai.chat', name: 'Draft email', params: { credentialId: 'set-me', prompt: 'Write to the founder of {{ $json.title }}' } },
  ],
  addEdges: [
    { from: 'every', to: 'feed' },
    { from: 'feed', to: 'draft' },
  ],
};
