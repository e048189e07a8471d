// A small Markdown renderer that builds DOM nodes with textContent: no HTML from a model or a tool is ever parsed,
// so none can run. Supports headings, paragraphs, lists, block quotes, fenced code, inline code, bold, italics and
// http(s)/mailto links; anything else stays literal text.
import { h } from './dom.js';

/** Renders markdown text into a new DocumentFragment. */
export function renderMarkdown(text) {
  const fragment = document.createDocumentFragment();
  const lines = String(text).replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (/^\s*$/.test(line)) {
      i++;
    } else if (/^```/.test(line)) {
      const language = line.slice(3).trim();
      const code = [];
      i++;
      while (i < lines.length && !/^```/.test(lines[i])) code.push(lines[i++]);
      i++; // the closing fence (or the end)
      const codeEl = h('code', language ? { 'data-language': language } : {}, code.join('\n'));
      fragment.append(h('pre', {}, codeEl));
    } else if (/^#{1,6}\s/.test(line)) {
      const level = line.match(/^#+/)[0].length;
      // Headings inside a message sit below the page's own h1/h2.
      fragment.append(inline(h('h' + Math.min(6, level + 2)), line.replace(/^#+\s+/, '')));
      i++;
    } else if (/^\s*>/.test(line)) {
      const quoted = [];
      while (i < lines.length && /^\s*>/.test(lines[i])) quoted.push(lines[i++].replace(/^\s*>\s?/, ''));
      const quote = h('blockquote');
      quote.append(renderMarkdown(quoted.join('\n')));
      fragment.append(quote);
    } else if (/^\s*([-*+]|\d+[.)])\s+/.test(line)) {
      const ordered = /^\s*\d+[.)]\s+/.test(line);
      const list = h(ordered ? 'ol' : 'ul');
      const item = ordered ? /^\s*\d+[.)]\s+/ : /^\s*[-*+]\s+/;
      while (i < lines.length && item.test(lines[i])) {
        list.append(inline(h('li'), lines[i].replace(item, '')));
        i++;
      }
      fragment.append(list);
    } else {
      const paragraph = [];
      while (i < lines.length && !/^\s*$/.test(lines[i]) && !/^(```|#{1,6}\s|\s*>|\s*([-*+]|\d+[.)])\s+)/.test(lines[i])) {
        paragraph.push(lines[i++]);
      }
      const p = h('p');
      paragraph.forEach((text, index) => {
        if (index > 0) p.append(h('br'));
        inline(p, text);
      });
      fragment.append(p);
    }
  }
  return fragment;
}

const INLINE = /(`[^`\n]+`)|(\*\*[^*\n]+\*\*)|(__[^_\n]+__)|(\*[^*\s][^*\n]*\*)|(\b_[^_\s][^_\n]*_\b)|(\[[^\]\n]+\]\([^)\s]+\))/g;

/** Appends text with inline markup to el, as nodes; returns el. */
export function inline(el, text) {
  let at = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > at) el.append(document.createTextNode(text.slice(at, match.index)));
    el.append(inlineNode(match[0]));
    at = match.index + match[0].length;
  }
  if (at < text.length) el.append(document.createTextNode(text.slice(at)));
  return el;
}

function inlineNode(token) {
  if (token.startsWith('`')) return h('code', {}, token.slice(1, -1));
  if (token.startsWith('**') || token.startsWith('__')) return inline(h('strong'), token.slice(2, -2));
  if (token.startsWith('*') || token.startsWith('_')) return inline(h('em'), token.slice(1, -1));
  const link = token.match(/^\[([^\]]+)\]\(([^)\s]+)\)$/);
  if (link && safeUrl(link[2])) {
    return h('a', { href: link[2], rel: 'noopener noreferrer nofollow', target: '_blank' }, link[1]);
  }
  return document.createTextNode(token);
}

/** Only absolute http(s) and mailto links: no javascript:, data: or relative URLs. */
function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' || parsed.protocol === 'mailto:';
  } catch {
    return false;
  }
}
