import { describe, expect, it } from 'vitest';
import { applyTracking, decodeEntities, insertOpenPixel, rewriteLinks, textToHtml } from './email-tracking.ts';

const click = (target: string) => `https://t.example/c?u=${encodeURIComponent(target)}&s=sig`;

describe('rewriteLinks', () => {
  it('rewrites http(s) links in any quoting and keeps the other attributes in place', () => {
    const html = [
      '<p><a href="https://acme.io/pricing?a=1&amp;b=2" class="btn">Pricing</a></p>',
      "<a title='x' href='http://acme.io/x'>X</a>",
      '<A HREF=https://acme.io/y target=_blank>Y</A>',
    ].join('\n');
    const out = rewriteLinks(html, click);
    expect(out).toBe(
      [
        '<p><a href="https://t.example/c?u=https%3A%2F%2Facme.io%2Fpricing%3Fa%3D1%26b%3D2&amp;s=sig" class="btn">Pricing</a></p>',
        "<a title='x' href=\"https://t.example/c?u=http%3A%2F%2Facme.io%2Fx&amp;s=sig\">X</a>",
        '<A href="https://t.example/c?u=https%3A%2F%2Facme.io%2Fy&amp;s=sig" target=_blank>Y</A>',
      ].join('\n'),
    );
  });

  it('leaves mailto, tel, anchors, data-no-track links, comments and look-alike tags alone', () => {
    const html = [
      '<a href="mailto:ada@example.com">mail</a>',
      '<a href="tel:+441234">call</a>',
      '<a href="#top">top</a>',
      '<a href="https://acme.io/unsubscribe" data-no-track>unsubscribe</a>',
      '<!-- <a href="https://acme.io/hidden">hidden</a> -->',
      '<abbr title="https://acme.io">abbr</abbr>',
      '<a name="anchor">no href</a>',
      '<a data-title="a > b" href="https://acme.io/ok">ok</a>',
    ].join('\n');
    const out = rewriteLinks(html, click);
    const lines = out.split('\n');
    expect(lines.slice(0, 7)).toEqual(html.split('\n').slice(0, 7));
    expect(lines[7]).toBe('<a data-title="a > b" href="https://t.example/c?u=https%3A%2F%2Facme.io%2Fok&amp;s=sig">ok</a>');
  });
});

describe('open pixel and plain text', () => {
  it('puts the pixel before the last </body>, or at the end', () => {
    expect(insertOpenPixel('<html><body><p>Hi</p></BODY></html>', 'https://t.example/o/a"b.gif')).toBe(
      '<html><body><p>Hi</p><img src="https://t.example/o/a&quot;b.gif" width="1" height="1" alt="" style="display:none"></BODY></html>',
    );
    expect(insertOpenPixel('<p>Hi</p>', 'https://t.example/o.gif')).toBe(
      '<p>Hi</p><img src="https://t.example/o.gif" width="1" height="1" alt="" style="display:none">',
    );
  });

  it('turns text into escaped HTML paragraphs with linked URLs', () => {
    const html = textToHtml('Hi Ada <3,\r\nsee https://acme.io/demo.\n\n\nBest,\nBob');
    expect(html).toContain('<p>Hi Ada &lt;3,<br>\nsee <a href="https://acme.io/demo">https://acme.io/demo</a>.</p>\n<p>Best,<br>\nBob</p>');
    expect(html).toMatch(/<body>[\s\S]*<\/body>/);
  });

  it('applies only the tracking asked for', () => {
    const html = '<body><a href="https://acme.io">a</a></body>';
    const options = { openPixelUrl: 'https://t.example/o.gif', clickUrl: click };
    expect(applyTracking(html, { ...options, trackClicks: false, trackOpens: false })).toBe(html);
    expect(applyTracking(html, { ...options, trackClicks: true, trackOpens: false })).not.toContain('<img');
    const both = applyTracking(html, { ...options, trackClicks: true, trackOpens: true });
    expect(both).toContain('t.example/c?u=https%3A%2F%2Facme.io');
    expect(both).toContain('<img src="https://t.example/o.gif"');
  });

  it('decodes character references once', () => {
    expect(decodeEntities('a&amp;b&#38;c&#x26;d&amp;amp;e&bogus;')).toBe('a&b&c&d&amp;e&bogus;');
  });
});
