import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedError } from './feed-error.ts';
import { decodeEntities, htmlToText } from './html-text.ts';
import { parseFeed } from './parse-feed.ts';
import { rssDocument } from './testing.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function failure(run: () => unknown): FeedError {
  try {
    run();
  } catch (err) {
    if (err instanceof FeedError) return err;
    throw err;
  }
  throw new Error('expected a FeedError');
}

describe('parseFeed', () => {
  it('reads RSS 2.0: guid, CDATA, entities, content:encoded, dc:creator, categories, dates', () => {
    const feed = parseFeed(fixture('rss2.xml'), { baseUrl: 'https://blog.example.com/feed/' });
    expect(feed).toMatchObject({ format: 'rss2', title: 'Tom & Jerry’s Blog', link: 'https://blog.example.com/', description: 'News <b>and</b> notes', truncated: false });
    expect(feed.items).toHaveLength(3);
    expect(feed.items[0]).toEqual({
      id: 'https://blog.example.com/?p=42',
      title: 'Release 2.0 &mdash; what’s new',
      link: 'https://blog.example.com/release-2',
      summary: '<p>We shipped <b>2.0</b> &amp; more.</p>',
      contentSnippet: 'We shipped 2.0. Details & notes follow.',
      content: '<p>We shipped <b>2.0</b>.</p><script>alert(1)</script><p>Details &amp; notes follow.</p>',
      author: 'Ada Lovelace',
      publishedAt: '2025-06-10T04:00:00.000Z',
      categories: ['Releases', 'News'],
    });
    expect(feed.items[1]).toEqual({
      id: 'https://blog.example.com/hello?a=1&b=2',
      title: 'Hello world',
      link: 'https://blog.example.com/hello?a=1&b=2',
      summary: 'First <i>post</i>',
      contentSnippet: 'First post',
      author: 'editor@example.com (Editor)',
      publishedAt: '2025-06-09T07:30:00.000Z',
      categories: [],
    });
    // No guid: the link is the id; an unreadable date is null; relative links resolve against the feed.
    expect(feed.items[2]).toMatchObject({ id: '/relative-post', link: 'https://blog.example.com/relative-post', publishedAt: null, summary: null, contentSnippet: '' });
  });

  it('reads Atom: text constructs, xhtml content, alternate link, authors, categories, published/updated', () => {
    const feed = parseFeed(fixture('atom.xml'));
    expect(feed).toMatchObject({ format: 'atom', title: 'Example Atom', link: 'https://atom.example.org/', description: 'Short notes' });
    expect(feed.items[0]).toEqual({
      id: 'tag:atom.example.org,2025:atoms',
      title: 'Atoms & molecules',
      link: 'https://atom.example.org/atoms',
      summary: '<p>A <b>short</b> summary</p>',
      contentSnippet: 'Full text & more.',
      content: '<p>Full <strong>text</strong> &amp; more.</p>',
      author: 'Grace Hopper',
      publishedAt: '2025-06-10T08:00:00.000Z',
      categories: ['Science', 'chemistry'],
    });
    expect(feed.items[1]).toEqual({
      id: 'tag:atom.example.org,2025:plain',
      title: 'Plain entry',
      link: 'https://atom.example.org/plain',
      summary: 'Just text <not a tag>',
      contentSnippet: 'Just text',
      author: 'Feed Author',
      publishedAt: '2025-06-09T08:00:00.000Z',
      categories: [],
    });
  });

  it('reads RSS 1.0 / RDF: items beside the channel, rdf:about ids, Dublin Core', () => {
    const feed = parseFeed(fixture('rdf.xml'));
    expect(feed).toMatchObject({ format: 'rss1', title: 'RDF Site', link: 'https://rdf.example.net/' });
    expect(feed.items).toEqual([
      {
        id: 'https://rdf.example.net/a',
        title: 'First RDF item',
        link: 'https://rdf.example.net/a',
        summary: 'About A',
        contentSnippet: 'About A',
        author: 'Alan Turing',
        publishedAt: '2025-06-08T07:00:00.000Z',
        categories: ['Computing'],
      },
      {
        id: 'https://rdf.example.net/b',
        title: 'Second RDF item',
        link: 'https://rdf.example.net/b',
        summary: null,
        contentSnippet: '',
        publishedAt: null,
        categories: [],
      },
    ]);
  });

  it('returns no items for an empty feed, and gives id-less entries a stable hash id', () => {
    expect(parseFeed(rssDocument([]))).toMatchObject({ format: 'rss2', title: 'Test feed', items: [] });
    expect(parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"><title>Empty</title></feed>').items).toEqual([]);
    expect(parseFeed('<rss version="2.0"><channel/></rss>').items).toEqual([]);
    const bare = '<rss><channel><item><title>Only a title</title></item><item/></channel></rss>';
    const [a, b] = parseFeed(bare).items;
    expect(a?.id).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(parseFeed(bare).items[0]?.id).toBe(a?.id);
    expect(b?.id).not.toBe(a?.id);
  });

  it('refuses malformed XML with the line and column', () => {
    const err = failure(() => parseFeed('<rss version="2.0"><channel><title>Broken</channel></rss>'));
    expect(err).toMatchObject({ code: 'FEED_INVALID', retryable: false, details: { line: 1 } });
    expect(err.message).toMatch(/not well-formed XML: .*line 1, column \d+/);
    expect(failure(() => parseFeed('<rss><channel><title>AT&T</title></channel></rss>')).code).toBe('FEED_INVALID');
  });

  it('refuses an HTML page, naming the feed it advertises', () => {
    const err = failure(() => parseFeed(fixture('html-page.html'), { baseUrl: 'https://blog.example.com/' }));
    expect(err.code).toBe('FEED_INVALID');
    expect(err.message).toBe('This is an HTML page, not a feed. The page points to a feed at https://blog.example.com/feed.xml');
    // Well-formed XHTML gets the same answer.
    expect(failure(() => parseFeed('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>')).message).toMatch(/HTML page/);
  });

  it('refuses what is not XML or not a feed, and empty input', () => {
    expect(failure(() => parseFeed('{"items": []}')).message).toMatch(/not XML/);
    expect(failure(() => parseFeed('')).message).toBe('The feed is empty');
    expect(failure(() => parseFeed('  \n ')).message).toBe('The feed is empty');
    const other = failure(() => parseFeed('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'));
    expect(other).toMatchObject({ code: 'FEED_INVALID', details: { rootElement: 'svg' } });
    expect(other.message).toMatch(/root element is <svg>/);
    expect(failure(() => parseFeed('<rss version="2.0"></rss>')).message).toMatch(/no <channel>/);
  });

  it('never expands DOCTYPE entities and refuses external ones', () => {
    const lol = Array.from({ length: 10 }, () => '&lol;').join('');
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "${lol.replace(/lol/g, 'lol')}">
  <!ENTITY lol3 "${lol.replace(/lol/g, 'lol2')}">
  <!ENTITY lol4 "${lol.replace(/lol/g, 'lol3')}">
]>
<rss version="2.0"><channel><title>t</title><item><guid>1</guid><title>&lol4; &amp; more</title></item></channel></rss>`;
    const started = performance.now();
    expect(parseFeed(bomb).items[0]?.title).toBe('&lol4; & more');
    expect(performance.now() - started).toBeLessThan(1000);
    const external = '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&xxe;</title></item></channel></rss>';
    expect(failure(() => parseFeed(external)).code).toBe('FEED_INVALID');
  });

  it('caps the input size and the number of items', () => {
    const big = rssDocument(Array.from({ length: 30 }, (_, i) => ({ id: `e${i}` })));
    expect(failure(() => parseFeed(big, { maxBytes: 1000 })).code).toBe('FEED_TOO_LARGE');
    const capped = parseFeed(big, { maxItems: 10 });
    expect(capped.items.map((i) => i.id)).toEqual(Array.from({ length: 10 }, (_, i) => `e${i}`));
    expect(capped.truncated).toBe(true);
  });
});

describe('feed text helpers', () => {
  it('decodes character references once and leaves unknown entities alone', () => {
    expect(decodeEntities('a &amp;lt; b &#60; &#x3C; &nbsp;&unknown; &#0; &#xD800;')).toBe('a &lt; b < < \u00a0&unknown; &#0; &#xD800;');
    expect(decodeEntities('&constructor; &__proto__;')).toBe('&constructor; &__proto__;');
  });

  it('turns HTML into a plain-text snippet', () => {
    expect(htmlToText('<p>One<br/>two</p><style>p{}</style><script>x()</script><!-- c -->thr<b>ee</b> &lt;4&gt; 5 < 6')).toBe('One two three <4> 5 < 6');
    expect(htmlToText('<SCRIPT>never closed')).toBe('');
  });
});
