// Small pieces several screens share: badges, due times, ticket rows.
import { isDone } from "./api.js";
import { h } from "./dom.js";
import { age, due, label, localTime } from "./format.js";
import { snippet } from "./snippet.js";

/** statusBadge shows a ticket status in words. */
export function statusBadge(status) {
  return h("span", { class: `badge status-${status}` }, label("status", status));
}

/** priorityBadge shows a priority (or that the triage has not set one). */
export function priorityBadge(priority) {
  if (!priority) return h("span", { class: "badge muted-badge" }, "Not set");
  return h("span", { class: `badge prio-${priority}` }, h("span", { class: "dot", "aria-hidden": "true" }), label("priority", priority));
}

/** dueTag shows a due time relative to now, marked when overdue. */
export function dueTag(t) {
  if (!t.due) return h("span", { class: "muted" }, "—");
  if (isDone(t)) return h("time", { datetime: t.due, title: localTime(t.due), class: "muted" }, localTime(t.due));
  const d = due(t.due);
  return h("time", { datetime: t.due, title: localTime(t.due), class: d.overdue ? "overdue" : "" }, d.overdue ? "⚠ " : "", d.text);
}

/** ageTag shows how old a ticket is, with the full date on hover. */
export function ageTag(s) {
  return h("time", { datetime: s, title: localTime(s) }, age(s));
}

/** assigneeText is the assignee's name, or that nobody has it yet. */
export function assigneeText(t) {
  return t.assignee_name || (t.assigned_to ? "Someone on the team" : h("span", { class: "muted" }, "Unassigned"));
}

/**
 * ticketRow builds one row of a ticket table. columns: the column keys
 * of the table (see cells). The row links to the ticket page.
 */
export function ticketRow(t, columns) {
  const cells = {
    number: () => h("td", { class: "col-number", "data-label": "#" }, `#${t.number ?? "—"}`),
    title: () => h("td", { class: "col-title", "data-label": "Title" },
      h("a", { href: `#/tickets/${t.id}`, class: "row-link" }, t.title),
      t.snippet ? snippet(t.snippet) : null),
    status: () => h("td", { "data-label": "Status" }, statusBadge(t.status)),
    priority: () => h("td", { "data-label": "Priority" }, priorityBadge(t.priority)),
    assignee: () => h("td", { "data-label": "Assignee", class: "col-assignee" }, assigneeText(t)),
    requester: () => h("td", { "data-label": "Requester" }, t.requester_name || "—"),
    due: () => h("td", { "data-label": "Due" }, dueTag(t)),
    age: () => h("td", { "data-label": "Age", class: "col-age" }, ageTag(t.created)),
  };
  const overdue = !isDone(t) && t.due && due(t.due).overdue;
  return h("tr", { "data-id": t.id, class: overdue ? "is-overdue" : "" }, columns.map((c) => cells[c]()));
}

/** columnTitles are the table headers of the column keys. */
export const columnTitles = {
  number: "#", title: "Title", status: "Status", priority: "Priority", assignee: "Assignee",
  requester: "Requester", due: "Due", age: "Age",
};
