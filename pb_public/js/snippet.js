// A search snippet as DOM: the server sends HTML-escaped text where
// <mark>…</mark> is the only markup. It is split on those two tags, each
// piece un-escaped by hand and set as text, so nothing in a ticket can
// become markup here either.
import { h } from "./dom.js";

const entities = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#34;": '"', "&#39;": "'" };

/** unescape decodes the five entities the server escapes (one pass, so "&amp;lt;" stays "&lt;"). */
export function unescapeText(s) {
  return s.replace(/&(?:amp|lt|gt|quot|#34|#39);/g, (e) => entities[e]);
}

/** snippet builds a paragraph of text nodes and <mark> elements. */
export function snippet(escaped, cls = "snippet") {
  const node = h("p", { class: cls });
  let marked = false;
  for (const part of String(escaped ?? "").split(/(<mark>|<\/mark>)/)) {
    if (part === "<mark>") marked = true;
    else if (part === "</mark>") marked = false;
    else if (part) node.append(marked ? h("mark", {}, unescapeText(part)) : document.createTextNode(unescapeText(part)));
  }
  return node;
}
