// DOM helpers. Everything a person or the model wrote goes into the page as
// text nodes or attribute values, never as HTML: there is no innerHTML in
// the portal.

/**
 * h builds an element. props: class, on<event> handlers, boolean and string
 * attributes (false/null/undefined are left out); children: nodes, strings
 * (as text), arrays, null.
 */
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k === "class") node.className = v;
    else if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else if (k === "value") node.value = v;
    else if (k === "checked") node.checked = !!v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

const svgNS = "http://www.w3.org/2000/svg";

/** s builds an SVG element (attributes only, text children as text). */
export function s(tag, attrs = {}, ...children) {
  const node = document.createElementNS(svgNS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  }
  append(node, children);
  return node;
}

let ids = 0;
/** uid returns a fresh element id with the given prefix. */
export function uid(prefix = "f") {
  ids += 1;
  return `${prefix}-${ids}`;
}

/**
 * field builds a labelled control with a hint and an error slot wired by
 * aria-describedby. control: an element with a name; returns the wrapper,
 * whose .control and .error are the parts.
 */
export function field(label, control, hint) {
  const id = control.id || uid(control.name || "f");
  control.id = id;
  const error = h("p", { class: "field-error", id: `${id}-error`, "aria-live": "polite" });
  const described = [error.id];
  let hintNode = null;
  if (hint) {
    hintNode = h("p", { class: "hint", id: `${id}-hint` }, hint);
    described.unshift(hintNode.id);
  }
  control.setAttribute("aria-describedby", described.join(" "));
  const wrap = h("div", { class: "field", "data-field": control.name || "" },
    control.type === "checkbox"
      ? h("label", { class: "check", for: id }, control, " ", label)
      : [h("label", { for: id }, label), control],
    hintNode, error);
  wrap.control = control;
  wrap.error = error;
  return wrap;
}

/** clear empties a node. */
export function clear(node) {
  node.replaceChildren();
  return node;
}

/** announce shows a short message in the page's live status area. */
export function announce(text, kind = "ok") {
  const region = document.getElementById("toast");
  if (!region) return;
  const note = h("div", { class: `toast ${kind}`, role: kind === "error" ? "alert" : "status" }, text);
  region.append(note);
  setTimeout(() => note.remove(), kind === "error" ? 8000 : 4000);
}

/**
 * busy runs action while the button shows progress and is disabled; the
 * button's label comes back afterwards whatever happens.
 */
export async function busy(button, progressLabel, action) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  button.textContent = progressLabel;
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
    button.textContent = label;
  }
}

/** emptyState is what a list shows when it has nothing: what and what to do. */
export function emptyState(title, text, action) {
  return h("div", { class: "empty" }, h("p", { class: "empty-title" }, title), text ? h("p", {}, text) : null, action ?? null);
}

/** spinner is the placeholder of something loading. */
export function loading(text = "Loading…") {
  return h("p", { class: "loading", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), text);
}
