// A ticket's history (ticket_events) as a timeline in plain words, live.
import { pb, problem, quote, staffList } from "../api.js";
import { h } from "../dom.js";
import { ago, label, localTime } from "../format.js";

// names of user ids named in events (assignees), from the staff list
async function names() {
  try {
    return Object.fromEntries((await staffList()).map((p) => [p.id, p.name]));
  } catch {
    return {};
  }
}

function sentence(e, who) {
  const name = (id) => who[id] || "someone";
  switch (e.kind) {
    case "created": return "filed the ticket";
    case "analyzed": return "read the ticket and wrote the analysis";
    case "assigned": return e.to ? (e.from ? `handed it from ${name(e.from)} to ${name(e.to)}` : `assigned it to ${name(e.to)}`) : "unassigned it";
    case "status": return `changed the status from ${label("status", e.from)} to ${label("status", e.to)}`;
    case "priority": return e.from ? `changed the priority from ${label("priority", e.from)} to ${label("priority", e.to)}` : `set the priority to ${label("priority", e.to)}`;
    case "commented": return e.internal ? "added an internal note" : "replied";
    case "reopened": return "reopened the ticket";
    case "attachment": return "attached a file";
    case "overdue": return `The ticket passed its due time${e.from ? ` (${localTime(e.from)})` : ""}${e.to ? ` while ${name(e.to)} had it` : " with nobody on it"}`;
    default: return `${e.kind.replace(/_/g, " ")}${e.to ? `: ${e.to}` : ""}`;
  }
}

function item(e, who) {
  const actor = e.expand?.actor?.name || (e.actor ? who[e.actor] : "") || "Helpdesk";
  const text = sentence(e, who);
  const standalone = e.kind === "overdue";
  return h("li", { class: `event kind-${e.kind}`, "data-id": e.id },
    h("span", { class: "event-dot", "aria-hidden": "true" }),
    h("div", {},
      h("p", {}, standalone ? text : [h("strong", {}, actor), " ", text]),
      // an overdue event's reason repeats its sentence (with the due in UTC)
      e.reason && !standalone ? h("p", { class: "muted small" }, e.reason) : null,
      h("time", { datetime: e.created, title: localTime(e.created), class: "muted small" }, ago(e.created))));
}

/** timeline fills list with the ticket's events and keeps it live; returns the unsubscribe. */
export async function timeline(list, ticketId) {
  const who = await names();
  const seen = new Set();
  const add = (e) => {
    if (seen.has(e.id)) return;
    seen.add(e.id);
    list.querySelector(".placeholder")?.remove();
    list.append(item(e, who));
  };
  try {
    const events = await pb.collection("ticket_events").getFullList({ filter: `ticket = ${quote(ticketId)}`, sort: "created", expand: "actor" });
    list.replaceChildren();
    if (!events.length) list.append(h("li", { class: "placeholder muted" }, "Nothing has happened yet."));
    events.forEach(add);
  } catch (err) {
    list.replaceChildren(h("li", { class: "error-state", role: "alert" }, problem(err).message));
  }
  return pb.collection("ticket_events").subscribe("*", (e) => {
    if (e.action === "create") add(e.record);
  }, { filter: `ticket = ${quote(ticketId)}`, expand: "actor" });
}
