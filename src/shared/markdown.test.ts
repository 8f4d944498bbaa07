import { describe, expect, it } from 'vitest';
import { markdownToText, renderMarkdown } from './markdown.ts';

// Nothing a member writes in a note can run script: raw HTML is text, dangerous links are not links, and
// only an allow-list of elements and attributes leaves the renderer.

describe('renderMarkdown', () => {
  it('renders paragraphs, headings under the page’s title, lists, emphasis and links', () => {
    const html = renderMarkdown(
      '# Overskrift\n\nEt *afsnit* med **fed**.\n\n- en\n- to\n\n[Væksthuset](https://example.dk/a)',
    );
    expect(html).toContain('<h2>Overskrift</h2>');
    expect(html).toContain('<p>Et <em>afsnit</em> med <strong>fed</strong>.</p>');
    expect(html).toContain('<ul>\n<li>en</li>\n<li>to</li>\n</ul>');
    expect(html).toContain('<a href="https://example.dk/a" rel="noopener nofollow">Væksthuset</a>');
  });

  it('makes bare addresses links with rel="noopener nofollow"', () => {
    expect(renderMarkdown('Se https://example.dk/rapport her')).toContain(
      '<a href="https://example.dk/rapport" rel="noopener nofollow">https://example.dk/rapport</a>',
    );
  });

  it('shows raw HTML as text, never as elements', () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\nHej <b onclick="x()">b</b> <img src=x onerror=alert(1)>',
    );
    expect(html).not.toMatch(/<script|<b |<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // The attribute is text inside a paragraph, not an attribute of any element.
    expect(html).not.toMatch(/<[a-z]+[^>]*\sonerror=/i);
  });

  it('never makes javascript:, vbscript: or data: links', () => {
    for (const src of [
      '[klik](javascript:alert(1))',
      '[klik](JaVaScRiPt:alert(1))',
      '[klik](java\tscript:alert(1))',
      '[klik](vbscript:msgbox(1))',
      '[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<javascript:alert(1)>',
      '[klik](&#106;avascript:alert(1))',
    ]) {
      const html = renderMarkdown(src);
      expect(html, src).not.toMatch(/href="\s*(javascript|vbscript|data):/i);
      expect(html, src).not.toMatch(/href="&#/i);
    }
  });

  it('drops images and keeps only the allowed attributes', () => {
    const html = renderMarkdown(
      '![billede](https://example.dk/x.png "t")\n\n[a](https://example.dk "titel")',
    );
    expect(html).not.toContain('<img');
    expect(html).not.toContain('title=');
  });
});

describe('markdownToText', () => {
  it('gives the text without markup, paragraphs separated by blank lines', () => {
    expect(markdownToText('# Positive afvigelser\n\nNår *nogen* lykkes & andre ikke.\n\n- gribning')).toBe(
      'Positive afvigelser\n\nNår nogen lykkes & andre ikke.\n\ngribning',
    );
  });

  it('keeps typed HTML as the text it is', () => {
    expect(markdownToText('<script>x</script>')).toBe('<script>x</script>');
  });
});
