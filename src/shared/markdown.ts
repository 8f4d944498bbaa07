import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Markdown a member writes (a material's note, a question, an answer, a dilemma, a comment, a message) as
// HTML that cannot run anything: markdown-it with raw HTML off (a `<script>` typed in a
// note is text), bare addresses made links, every link `rel="noopener nofollow"`; then sanitize-html keeps
// only an allow-list of elements and attributes and only http(s)/mailto links, whatever markdown-it lets by.

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

// markdown-it's own check already refuses javascript:, vbscript:, file: and most data: links; the allow-list
// below is the second line.
const defaultLinkOpen =
  md.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token) token.attrSet('rel', 'noopener nofollow');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'em',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    's',
  ],
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'], th: ['align'], td: ['align'] },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Whatever rel a link came with, it leaves with this one.
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener nofollow' } }),
    // A note's headings sit under the page's own h1 (the material's title): # becomes h2, ## h3, and so on.
    h1: 'h2',
    h2: 'h3',
    h3: 'h4',
    h4: 'h5',
    h5: 'h6',
  },
};

/**
 * The Markdown as safe HTML, for `dangerouslySetInnerHTML` where a member's text is shown (a material's note,
 * a post). Its `#` is an h2: it sits under the page's own h1.
 */
export function renderMarkdown(markdown: string): string {
  if (markdown.length > CACHED_LENGTH) return sanitizeHtml(md.render(markdown), ALLOWED);
  const cached = rendered.get(markdown);
  if (cached !== undefined) {
    // Most recently used last: the oldest is the first key, dropped when the cache is full.
    rendered.delete(markdown);
    rendered.set(markdown, cached);
    return cached;
  }
  const html = sanitizeHtml(md.render(markdown), ALLOWED);
  rendered.set(markdown, html);
  if (rendered.size > CACHED_POSTS) {
    const oldest = rendered.keys().next().value;
    if (oldest !== undefined) rendered.delete(oldest);
  }
  return html;
}

// The same text always gives the same HTML, and a page of posts (a dilemma's 50 comments, a thread) is
// rendered again on every view: markdown-it and sanitize-html were most of such a page's time (the community
// bench). So the HTML of the last CACHED_POSTS texts up to CACHED_LENGTH characters is kept (a few MiB).
const CACHED_POSTS = 1000;
const CACHED_LENGTH = 4000;
const rendered = new Map<string, string>();

/**
 * The Markdown as plain text, paragraphs separated by blank lines, links as their text: what the search index
 * gets, and what a mail's excerpt is cut from.
 */
export function markdownToText(markdown: string): string {
  const html = md.render(markdown);
  const text = sanitizeHtml(html.replace(/<\/(p|h[1-6]|li|blockquote|pre|tr)>/g, '$&\n\n'), {
    allowedTags: [],
    allowedAttributes: {},
  });
  return text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}
