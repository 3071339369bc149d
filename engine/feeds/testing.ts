/** Test helpers: small RSS documents built from a list of entries (newest first, as feeds list them). */

export type TestEntry = { id: string; title?: string; publishedAt?: string; description?: string };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function rssDocument(entries: readonly TestEntry[], title = 'Test feed'): string {
  const items = entries.map(
    (e) => `    <item>
      <title>${escapeXml(e.title ?? `Entry ${e.id}`)}</title>
      <link>https://feed.test/${encodeURIComponent(e.id)}</link>
      <guid isPermaLink="false">${escapeXml(e.id)}</guid>
${e.publishedAt ? `      <pubDate>${new Date(e.publishedAt).toUTCString()}</pubDate>\n` : ''}      <description>${escapeXml(e.description ?? `About ${e.id}`)}</description>
    </item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>${escapeXml(title)}</title>
    <link>https://feed.test/</link>
    <description>Entries for tests</description>
${items.join('\n')}
  </channel>
</rss>
`;
}

export const RSS_CONTENT_TYPE = 'application/rss+xml; charset=utf-8';
