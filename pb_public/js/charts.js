// Small SVG charts drawn here (no library): horizontal bars with their
// values as text, readable without colour and by screen readers.
import { h, s } from "./dom.js";

/**
 * bars returns a figure with one bar per item: items [{label, value,
 * tone?}], format(value) for the value text.
 */
export function bars(title, items, { format = String, empty = "Nothing to show yet." } = {}) {
  const fig = h("figure", { class: "chart" }, h("figcaption", {}, title));
  if (!items.length || items.every((i) => !i.value)) {
    fig.append(h("p", { class: "muted chart-empty" }, empty));
    return fig;
  }
  const max = Math.max(...items.map((i) => i.value), 1);
  const row = 28;
  const width = 320;
  const labelW = 110;
  const valueW = 56;
  const barW = width - labelW - valueW;
  const svg = s("svg", { viewBox: `0 0 ${width} ${items.length * row}`, role: "img", "aria-label": `${title}: ${items.map((i) => `${i.label} ${format(i.value)}`).join(", ")}`, class: "chart-svg" });
  items.forEach((it, n) => {
    const y = n * row;
    const w = Math.max(it.value ? 2 : 0, (it.value / max) * barW);
    svg.append(
      s("text", { x: 0, y: y + row / 2 + 4, class: "chart-label" }, it.label.length > 16 ? `${it.label.slice(0, 15)}…` : it.label),
      s("rect", { x: labelW, y: y + 6, width: barW, height: row - 12, rx: 4, class: "chart-track" }),
      s("rect", { x: labelW, y: y + 6, width: w, height: row - 12, rx: 4, class: `chart-bar ${it.tone ?? ""}` }),
      s("text", { x: width, y: y + row / 2 + 4, "text-anchor": "end", class: "chart-value" }, format(it.value)));
  });
  fig.append(svg);
  return fig;
}

/** figure is a single big number with a caption. */
export function figure(title, value, note) {
  return h("div", { class: "kpi" }, h("p", { class: "kpi-value" }, value), h("p", { class: "kpi-title" }, title), note ? h("p", { class: "muted small" }, note) : null);
}
