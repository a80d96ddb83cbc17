// The ticket page: where it stands, the description, the conversation
// with its reply box, and for staff the requester, the analysis, the work
// form (status, priority, hand over) and the history. Everything is live.
import { clearProblem, fileURL, hasRoute, isAdmin, isDone, isStaff, me, meta, pb, problem, quote, showProblem, similarRoute, similarTickets, staffList } from "../api.js";
import { filePicker } from "../attachments.js";
import { announce, busy, emptyState, field, h, loading } from "../dom.js";
import { ago, fileName, label, localTime } from "../format.js";
import { render as markdown } from "../markdown.js";
import { dueTag, priorityBadge, statusBadge } from "../parts.js";
import { progressCard } from "../progress.js";
import { snippet } from "../snippet.js";
import { timeline } from "./history.js";

/** render shows the ticket of ctx.params[0]. */
export async function render(ctx) {
  const id = ctx.params[0];
  let ticket;
  try {
    ticket = await pb.collection("tickets").getOne(id);
  } catch (err) {
    const p = problem(err);
    ctx.view.replaceChildren(h("section", { class: "page narrow" }, emptyState(
      p.status === 404 ? "This ticket doesn't exist or isn't yours to see" : "The ticket could not be loaded",
      p.status === 404 ? "Check the link, or find the ticket in your list." : p.message,
      h("a", { href: ctx.home(), class: "button primary" }, "Back to my tickets"))));
    return;
  }
  if (!ctx.isCurrent()) return;

  const staff = isStaff();
  const head = h("div", { class: "ticket-head" });
  const progress = h("div");
  const body = h("section", { class: "card ticket-body", "aria-label": "Description" });
  const conversation = h("ol", { class: "conversation", id: "conversation", "aria-label": "Conversation" });
  const reply = replyBox(() => ticket, (c) => addComment(c));
  const side = h("aside", { class: "ticket-side", "aria-label": "Details" });
  const history = staff ? h("section", { class: "card", "aria-labelledby": "history-title" },
    h("h2", { id: "history-title", class: "card-title" }, "History"), h("ol", { class: "timeline", id: "history" }, h("li", {}, loading()))) : null;

  ctx.view.replaceChildren(h("article", { class: "page ticket", id: "ticket", "data-id": id },
    h("p", { class: "crumbs" }, h("a", { href: ctx.home() }, "← Back to the list")),
    head,
    h("div", { class: "ticket-grid" },
      h("div", { class: "ticket-main" }, progress, body,
        h("section", { class: "card", "aria-labelledby": "conv-title" },
          h("h2", { id: "conv-title", class: "card-title" }, "Conversation"), conversation, reply.node)),
      h("div", { class: "ticket-aside" }, side, history))));

  const work = staff ? workForm(() => ticket) : null;
  const similar = staff && hasRoute(similarRoute) ? similarCard(id) : null;

  function draw() {
    head.replaceChildren(
      h("h1", {}, h("span", { class: "ticket-number" }, `#${ticket.number ?? ""}`), " ", ticket.title),
      h("div", { class: "ticket-meta" }, statusBadge(ticket.status), priorityBadge(ticket.priority),
        h("span", {}, "Filed ", h("time", { datetime: ticket.created, title: localTime(ticket.created) }, ago(ticket.created))),
        ticket.due && !isDone(ticket) ? h("span", {}, "Due ", dueTag(ticket)) : null));
    progress.replaceChildren(progressCard(ticket));
    body.replaceChildren(...[h("h2", { class: "card-title" }, "Description"),
      h("div", { class: "plain-text" }, ticket.description),
      attachmentList(ticket, ticket.attachments)].filter(Boolean));
    reply.update();
    drawSide();
  }

  function drawSide() {
    const parts = [];
    if (staff) {
      parts.push(h("section", { class: "card", "aria-labelledby": "req-title" },
        h("h2", { id: "req-title", class: "card-title" }, "Requester"),
        h("p", { class: "person" }, h("strong", {}, ticket.requester_name || "—")),
        ticket.requester_email ? h("p", {}, h("a", { href: `mailto:${ticket.requester_email}` }, ticket.requester_email)) : null));
      if (work) {
        work.sync();
        parts.push(work.node);
      }
      const analysis = h("section", { class: "card analysis", "aria-labelledby": "an-title" }, h("h2", { id: "an-title", class: "card-title" }, "Analysis"));
      if (ticket.summary) analysis.append(h("h3", {}, "Summary"), h("p", { class: "plain-text" }, ticket.summary));
      if (ticket.helpful_notes) analysis.append(h("h3", {}, "Notes for you"), h("div", { class: "markdown", id: "helpful-notes" }, markdown(ticket.helpful_notes)));
      if (ticket.related_skills?.length) {
        analysis.append(h("h3", {}, "Skills needed"), h("ul", { class: "chips" }, ticket.related_skills.map((s) => h("li", { class: "chip" }, s))));
      }
      if (ticket.resource_links?.length) {
        analysis.append(h("h3", {}, "Resources"), h("ul", { class: "links" }, ticket.resource_links.map((u) =>
          h("li", {}, h("a", { href: u, rel: "noopener noreferrer nofollow", target: "_blank" }, u)))));
      }
      if (analysis.children.length === 1) analysis.append(h("p", { class: "muted" }, "The analysis isn't there yet; it appears here as soon as it's done."));
      parts.push(analysis);
      if (similar) parts.push(similar);
    } else {
      parts.push(h("section", { class: "card", "aria-labelledby": "about-title" },
        h("h2", { id: "about-title", class: "card-title" }, "About this ticket"),
        h("dl", { class: "facts" },
          h("dt", {}, "Status"), h("dd", { "data-field": "status" }, label("status", ticket.status)),
          h("dt", {}, "Priority"), h("dd", { "data-field": "priority" }, label("priority", ticket.priority)),
          h("dt", {}, "Handled by"), h("dd", { "data-field": "assignee" }, ticket.assignee_name || "Not assigned yet"),
          h("dt", {}, "Filed"), h("dd", {}, localTime(ticket.created))),
        ticket.created_by === me().id && !isDone(ticket) ? resolveButton() : null));
    }
    side.replaceChildren(...parts);
  }

  function resolveButton() {
    const b = h("button", { type: "button", class: "ghost wide", id: "close" }, "Mark as resolved");
    b.addEventListener("click", async () => {
      try {
        ticket = await busy(b, "Saving…", () => pb.collection("tickets").update(ticket.id, { status: meta.done_status }));
        announce("Marked as resolved. Reply any time to reopen it.");
        draw();
      } catch (err) {
        announce(problem(err).message, "error");
      }
    });
    return b;
  }

  // ---- conversation
  const seen = new Set();
  function addComment(c) {
    if (seen.has(c.id)) return;
    seen.add(c.id);
    conversation.querySelector(".empty")?.remove();
    conversation.append(commentItem(c));
  }

  draw();
  conversation.replaceChildren(h("li", {}, loading("Loading the conversation…")));
  try {
    const comments = await pb.collection("comments").getFullList({ filter: `ticket = ${quote(id)}`, sort: "created" });
    if (!ctx.isCurrent()) return;
    conversation.replaceChildren();
    if (!comments.length) {
      conversation.append(h("li", { class: "empty" }, staff
        ? "No replies yet. Write the first answer below; the requester is emailed."
        : "No replies yet. We'll answer here and by email; add anything that helps below."));
    }
    comments.forEach(addComment);
  } catch (err) {
    conversation.replaceChildren(h("li", { class: "error-state", role: "alert" }, problem(err).message));
  }

  // ---- live
  ctx.live(await pb.collection("tickets").subscribe(id, (e) => {
    if (e.action === "delete") {
      ctx.view.replaceChildren(h("section", { class: "page narrow" }, emptyState("This ticket was deleted", null, h("a", { href: ctx.home(), class: "button" }, "Back to the list"))));
      return;
    }
    ticket = e.record;
    draw();
  }));
  ctx.live(await pb.collection("comments").subscribe("*", (e) => {
    if (e.action === "create") addComment(e.record);
  }, { filter: `ticket = ${quote(id)}` }));
  if (history) ctx.live(await timeline(history.querySelector("#history"), id));

  // file links carry a short-lived token: renew them while the page is open
  const renew = setInterval(() => refreshFileLinks(ctx.view), 100_000);
  ctx.live(() => clearInterval(renew));
}

// ---------------------------------------------------------------------------

// similarCard lists the tickets most like ticket id (duplicates, past
// answers), loaded once when the page opens.
function similarCard(id) {
  const list = h("ul", { class: "similar", id: "similar" }, h("li", {}, loading("Looking for similar tickets…")));
  const card = h("section", { class: "card", "aria-labelledby": "similar-title" },
    h("h2", { id: "similar-title", class: "card-title" }, "Similar tickets"), list);
  similarTickets(id).then((items) => {
    list.replaceChildren(...(items.length ? items.map((t) => h("li", { "data-id": t.id },
      h("a", { href: `#/tickets/${t.id}`, class: "similar-link" }, h("span", { class: "ticket-number" }, `#${t.number}`), " ", t.title),
      h("div", { class: "similar-meta" }, statusBadge(t.status), t.assignee_name ? h("span", { class: "muted small" }, t.assignee_name) : null,
        h("span", { class: "muted small" }, ago(t.created))),
      t.snippet ? snippet(t.snippet, "snippet small") : null))
      : [h("li", { class: "muted" }, "No ticket is much like this one.")]));
  }).catch((err) => {
    list.replaceChildren(h("li", { class: "error-state" }, problem(err).message));
  });
  return card;
}

function attachmentList(record, names) {
  if (!names?.length) return null;
  const list = h("ul", { class: "attachments", "aria-label": "Attachments" }, names.map((n) => {
    const a = h("a", { "data-file": n, "data-record": record.id, "data-collection": record.collectionName, target: "_blank", rel: "noopener" },
      h("span", { class: "clip", "aria-hidden": "true" }, "📎"), fileName(n));
    fileURL(record, n).then((u) => { a.href = u; }).catch(() => {});
    return h("li", {}, a);
  }));
  return list;
}

function refreshFileLinks(root) {
  for (const a of root.querySelectorAll("a[data-file]")) {
    const rec = { id: a.dataset.record, collectionName: a.dataset.collection, collectionId: a.dataset.collection };
    fileURL(rec, a.dataset.file).then((u) => { a.href = u; }).catch(() => {});
  }
}

function commentItem(c) {
  const mine = c.author === me()?.id;
  const who = c.author_name || (mine ? me().name : "Someone");
  const cls = ["comment", c.internal ? "internal" : "", c.author_staff ? "from-staff" : "from-requester", mine ? "mine" : ""].join(" ");
  return h("li", { class: cls, "data-id": c.id },
    h("div", { class: "comment-head" },
      h("span", { class: "avatar small", "aria-hidden": "true" }, who.trim().charAt(0).toUpperCase()),
      h("strong", {}, who),
      c.author_staff && !c.internal ? h("span", { class: "tag" }, "Support") : null,
      c.internal ? h("span", { class: "tag internal-tag" }, "Internal note · staff only") : null,
      c.source === "email" ? h("span", { class: "tag" }, "by email") : null,
      h("time", { datetime: c.created, title: localTime(c.created) }, ago(c.created))),
    h("div", { class: "markdown comment-body" }, markdown(c.body)),
    attachmentList(c, c.attachments));
}

function replyBox(current, added) {
  const lim = meta.limits;
  const text = h("textarea", { name: "body", rows: 4, maxlength: lim.comment_max, required: true });
  const bodyField = field("Your reply", text, "Markdown works: **bold**, lists, `code`, links.");
  const internal = isStaff() ? h("input", { type: "checkbox", name: "internal", role: "switch" }) : null;
  const files = filePicker("attachments", "Attach files");
  const summary = h("p", { class: "form-error", role: "alert", hidden: true });
  const submit = h("button", { type: "submit", class: "primary" }, "Send reply");
  const hintDone = h("p", { class: "notice", hidden: true }, "This ticket is resolved. Your reply reopens it.");
  const form = h("form", { class: "reply", id: "reply", novalidate: true },
    hintDone, summary, bodyField,
    internal ? field("Internal note: only staff see it", internal) : null,
    h("details", { class: "attach" }, h("summary", {}, "Attach files"), files.node),
    h("div", { class: "form-actions" }, submit));

  const relabel = () => {
    const note = internal?.checked;
    form.classList.toggle("is-internal", !!note);
    bodyField.querySelector("label").textContent = note ? "Internal note" : "Your reply";
    submit.textContent = note ? "Add internal note" : isDone(current()) && !isStaff() ? "Send and reopen" : "Send reply";
  };
  internal?.addEventListener("change", relabel);

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(form, summary);
    if (!text.value.trim()) {
      bodyField.error.textContent = "Write something first.";
      text.setAttribute("aria-invalid", "true");
      text.focus();
      return;
    }
    if (!files.check()) return;
    const data = { ticket: current().id, author: me().id, body: text.value.trim(), internal: !!internal?.checked, source: "web" };
    const picked = files.files();
    if (picked.length) data.attachments = picked;
    try {
      const c = await busy(submit, "Sending…", () => pb.collection("comments").create(data));
      added(c);
      form.reset();
      files.reset();
      relabel();
      announce(c.internal ? "Internal note added." : "Reply sent.");
    } catch (err) {
      showProblem(form, summary, err);
    }
  });

  return {
    node: form,
    update() {
      hintDone.hidden = !(isDone(current()) && !isStaff());
      relabel();
    },
  };
}

// the work form: status, priority and assignee; only changed fields are sent
function workForm(current) {
  const mayEdit = () => isAdmin() || current().assigned_to === me().id;
  const opts = (values, kind) => values.map((v) => h("option", { value: v }, label(kind, v)));
  const status = h("select", { name: "status" }, opts(meta.statuses, "status"));
  const priority = h("select", { name: "priority" }, h("option", { value: "" }, "Not set"), opts(meta.priorities, "priority"));
  const assignee = h("select", { name: "assigned_to" }, h("option", { value: "" }, "Nobody"));
  const summary = h("p", { class: "form-error", role: "alert", hidden: true });
  const save = h("button", { type: "submit", class: "primary" }, "Save changes");
  const dirtyNote = h("span", { class: "muted small", "aria-live": "polite" });
  const form = h("form", { class: "card work", id: "work", novalidate: true, "aria-labelledby": "work-title" },
    h("h2", { id: "work-title", class: "card-title" }, "Work on it"), summary,
    field("Status", status), field("Priority", priority), field("Assigned to", assignee, "Hand over to another moderator."),
    h("div", { class: "form-actions" }, save, dirtyNote));

  let loaded = false;
  staffList().then((people) => {
    for (const p of people) assignee.append(h("option", { value: p.id }, `${p.name} · ${label("role", p.role)}`));
    loaded = true;
    sync(true);
  }).catch(() => {});

  const controls = { status, priority, assigned_to: assignee };
  const changed = () => Object.entries(controls).filter(([k, c]) => c.value !== (current()[k] ?? ""));
  const onChange = () => {
    const n = changed().length;
    dirtyNote.textContent = n ? `${n} unsaved change${n === 1 ? "" : "s"}` : "";
    save.disabled = n === 0;
  };
  for (const c of Object.values(controls)) c.addEventListener("change", onChange);

  function sync(force = false) {
    const t = current();
    // keep what the person is editing; take everything else from the server
    const editing = !force && changed().length > 0 && form.contains(document.activeElement);
    if (!editing) {
      status.value = t.status;
      priority.value = t.priority ?? "";
      if (loaded && t.assigned_to && ![...assignee.options].some((o) => o.value === t.assigned_to)) {
        assignee.append(h("option", { value: t.assigned_to }, t.assignee_name || "Someone"));
      }
      assignee.value = t.assigned_to ?? "";
      // "Not set" is offered only while the triage has not set a priority
      priority.options[0].hidden = !!t.priority;
      priority.options[0].disabled = !!t.priority;
    }
    const editable = mayEdit();
    for (const c of Object.values(controls)) c.disabled = !editable;
    // only an admin may leave a ticket with nobody
    assignee.options[0].disabled = !isAdmin();
    save.hidden = !editable;
    if (!editable) dirtyNote.textContent = "Only the assigned moderator or an admin can change this ticket.";
    else onChange();
  }

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblem(form, summary);
    const data = Object.fromEntries(changed().map(([k, c]) => [k, c.value]));
    if (!Object.keys(data).length) return;
    try {
      await busy(save, "Saving…", () => pb.collection("tickets").update(current().id, data));
      announce("Saved.");
      dirtyNote.textContent = "";
      save.disabled = true;
    } catch (err) {
      showProblem(form, summary, err);
    }
  });
  return { node: form, sync };
}
