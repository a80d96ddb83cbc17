// A small Markdown renderer that builds DOM nodes and sets every piece of
// text with text nodes: nothing in the source can become markup, a script
// or an event handler. It covers what the triage notes and replies use:
// headings, paragraphs, lists, quotes, fenced code, rules, **bold**,
// *emphasis*, `code` and links to http(s) and mailto addresses only.
import { h } from "./dom.js";

/** render returns a fragment with the Markdown source rendered safely. */
export function render(source) {
  const out = document.createDocumentFragment();
  const lines = String(source ?? "").replace(/\r\n?/g, "\n").split("\n");
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (/^\s*$/.test(line)) { i++; continue; }

    const fence = line.match(/^\s*(```|~~~)/);
    if (fence) {
      const body = [];
      i++;
      while (i < lines.length && !lines[i].trimStart().startsWith(fence[1])) body.push(lines[i++]);
      i++;
      out.append(h("pre", {}, h("code", {}, body.join("\n"))));
      continue;
    }
    const heading = line.match(/^\s*(#{1,6})\s+(.*?)\s*#*\s*$/);
    if (heading) {
      // headings inside a ticket sit below the page's own h1/h2
      const level = Math.min(6, heading[1].length + 2);
      out.append(h(`h${level}`, { class: "md-h" }, inline(heading[2])));
      i++;
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) { out.append(h("hr")); i++; continue; }
    if (/^\s*>/.test(line)) {
      const body = [];
      while (i < lines.length && /^\s*>/.test(lines[i])) body.push(lines[i++].replace(/^\s*>\s?/, ""));
      out.append(h("blockquote", {}, render(body.join("\n"))));
      continue;
    }
    const bullet = /^\s*[-*+]\s+/;
    const numbered = /^\s*\d+[.)]\s+/;
    if (bullet.test(line) || numbered.test(line)) {
      const marker = bullet.test(line) ? bullet : numbered;
      const list = h(marker === bullet ? "ul" : "ol");
      while (i < lines.length && marker.test(lines[i])) {
        let text = lines[i++].replace(marker, "");
        // continuation lines, indented, belong to the item
        while (i < lines.length && /^\s{2,}\S/.test(lines[i]) && !marker.test(lines[i])) text += " " + lines[i++].trim();
        list.append(h("li", {}, inline(text)));
      }
      out.append(list);
      continue;
    }
    const para = [];
    while (i < lines.length && !/^\s*$/.test(lines[i]) && !/^\s*(```|~~~|#{1,6}\s|>|[-*+]\s|\d+[.)]\s)/.test(lines[i])) para.push(lines[i++].trim());
    if (!para.length) para.push(lines[i++].trim());
    out.append(h("p", {}, inline(para.join("\n"))));
  }
  return out;
}

// inline tokens, earliest match first: code, link, bare URL, bold, emphasis
const inlinePattern = /`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])|\*\*([^*]+)\*\*|(?<!\w)__([^_\s][^_]*)__(?!\w)|\*([^*\s][^*]*)\*|(?<!\w)_([^_\s][^_]*)_(?!\w)/g;

/** inline returns the nodes of one line or paragraph of inline Markdown. */
export function inline(text) {
  const nodes = [];
  let last = 0;
  for (const m of text.matchAll(inlinePattern)) {
    if (m.index > last) nodes.push(...breaks(text.slice(last, m.index)));
    const [, code, linkText, href, bare, bold1, bold2, em1, em2] = m;
    if (code !== undefined) nodes.push(h("code", {}, code));
    else if (linkText !== undefined) nodes.push(link(href, inline(linkText)));
    else if (bare !== undefined) nodes.push(link(bare, [bare]));
    else if (bold1 !== undefined || bold2 !== undefined) nodes.push(h("strong", {}, inline(bold1 ?? bold2)));
    else nodes.push(h("em", {}, inline(em1 ?? em2)));
    last = m.index + m[0].length;
  }
  if (last < text.length) nodes.push(...breaks(text.slice(last)));
  return nodes;
}

function breaks(text) {
  const parts = text.split("\n");
  return parts.flatMap((p, i) => (i ? [h("br"), p] : [p]));
}

/** safeHref returns href if it is an http(s) or mailto address, else "". */
export function safeHref(href) {
  try {
    const u = new URL(href, location.origin);
    return ["http:", "https:", "mailto:"].includes(u.protocol) ? u.href : "";
  } catch {
    return "";
  }
}

function link(href, children) {
  const safe = safeHref(href);
  if (!safe) return h("span", {}, children);
  return h("a", { href: safe, rel: "noopener noreferrer nofollow", target: "_blank" }, children);
}
