// The ticket lists: "My tickets" (a requester's own, newest first),
// "Assigned to me" (a moderator's queue: most severe first, then the
// soonest due) and "All tickets" (admins: filters, search, paging). Live
// events patch the rows in view; nothing reloads the whole list for an
// edit.
import { hasTicketField, isDone, me, meta, pb, problem, quote, staffList } from "../api.js";
import { announce, emptyState, field, h, loading } from "../dom.js";
import { label, parseDate } from "../format.js";
import { columnTitles, ticketRow } from "../parts.js";

const perPage = 25;

/**
 * table builds the list's frame: the table, its body, a status line and
 * a pager; show(items, page) fills it, state(node) replaces the rows with
 * a loading, error or empty state.
 */
function listFrame(columns, caption, onPage) {
  const tbody = h("tbody", { id: "tickets" });
  const table = h("table", { class: "tickets" },
    h("caption", { class: "sr-only" }, caption),
    h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col", class: `th-${c}` }, columnTitles[c])))),
    tbody);
  const stateBox = h("div", { class: "list-state" });
  const pager = h("nav", { class: "pager", "aria-label": "Pages" });
  const frame = h("div", { class: "list" }, table, stateBox, pager);
  return {
    frame,
    tbody,
    show(items, page, totalPages, totalItems) {
      stateBox.replaceChildren();
      table.hidden = items.length === 0;
      tbody.replaceChildren(...items.map((t) => ticketRow(t, columns)));
      this.pages(page, totalPages, totalItems);
    },
    pages(page, totalPages, totalItems) {
      pager.replaceChildren();
      if (totalPages > 1) {
        const prev = h("button", { type: "button", class: "ghost", disabled: page <= 1, onclick: () => onPage(page - 1) }, "← Newer");
        const next = h("button", { type: "button", class: "ghost", disabled: page >= totalPages, onclick: () => onPage(page + 1) }, "Older →");
        pager.append(prev, h("span", { class: "pager-text" }, `Page ${page} of ${totalPages}`, totalItems >= 0 ? ` · ${totalItems} tickets` : ""), next);
      }
    },
    state(node) {
      table.hidden = true;
      pager.replaceChildren();
      stateBox.replaceChildren(node);
    },
    patch(record) {
      const row = tbody.querySelector(`tr[data-id="${CSS.escape(record.id)}"]`);
      if (!row) return false;
      const fresh = ticketRow(record, columns);
      fresh.classList.add("flash");
      row.replaceWith(fresh);
      return true;
    },
    remove(id) {
      tbody.querySelector(`tr[data-id="${CSS.escape(id)}"]`)?.remove();
    },
  };
}

function errorState(err, retry) {
  return h("div", { class: "empty error-state", role: "alert" },
    h("p", { class: "empty-title" }, "The list could not be loaded"),
    h("p", {}, problem(err).message),
    h("button", { type: "button", class: "primary", onclick: retry }, "Try again"));
}

function header(title, intro, ...actions) {
  return h("div", { class: "page-head" },
    h("div", {}, h("h1", {}, title), intro ? h("p", { class: "muted" }, intro) : null),
    actions.length ? h("div", { class: "page-actions" }, actions) : null);
}

// debounced runs fn once per burst of calls
function debounced(fn, ms = 150) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

// ---------------------------------------------------------------------------

/** mine is "My tickets": the tickets the signed-in user filed. */
export async function mine(ctx) {
  const columns = ["number", "title", "status", "priority", "assignee", "age"];
  let page = 1;
  const list = listFrame(columns, "Your tickets, newest first", (p) => { page = p; load(); });
  ctx.view.replaceChildren(h("section", { class: "page" },
    header("My tickets", "Everything you asked the team, newest first.", h("a", { href: "#/new", class: "button primary" }, "New ticket")),
    list.frame));

  async function load() {
    list.state(loading("Loading your tickets…"));
    try {
      const res = await pb.collection("tickets").getList(page, perPage, { filter: `created_by = ${quote(me().id)}`, sort: "-created" });
      if (!ctx.isCurrent()) return;
      if (!res.items.length) {
        list.state(emptyState("No tickets yet", "When something doesn't work, tell us: we'll read it right away and find the right person.",
          h("a", { href: "#/new", class: "button primary" }, "File your first ticket")));
        return;
      }
      list.show(res.items, res.page, res.totalPages, res.totalItems);
    } catch (err) {
      if (ctx.isCurrent()) list.state(errorState(err, load));
    }
  }
  await load();
  const reload = debounced(load);
  const unsub = await pb.collection("tickets").subscribe("*", (e) => {
    if (e.record.created_by !== me().id) return;
    if (e.action === "update") list.patch(e.record);
    else if (e.action === "delete") list.remove(e.record.id);
    else if (page === 1) reload();
  });
  ctx.live(unsub);
}

// ---------------------------------------------------------------------------

/**
 * assigned is a moderator's queue: open tickets assigned to them, the most
 * severe first and then the soonest due, overdue ones marked.
 */
export async function assigned(ctx) {
  const columns = ["number", "title", "priority", "status", "due", "requester", "age"];
  let showDone = false;
  let page = 1;
  const list = listFrame(columns, "Tickets assigned to you", (p) => { page = p; load(); });
  const toggle = h("div", { class: "segmented", role: "group", "aria-label": "Which tickets" },
    h("button", { type: "button", "aria-pressed": "true", onclick: (e) => setDone(false, e.target) }, "Open"),
    h("button", { type: "button", "aria-pressed": "false", onclick: (e) => setDone(true, e.target) }, "Done"));
  function setDone(v, button) {
    showDone = v;
    page = 1;
    for (const b of toggle.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b === button));
    load();
  }
  ctx.view.replaceChildren(h("section", { class: "page" },
    header("Assigned to me", "Most severe first, then the soonest due.", toggle),
    list.frame));

  const severity = (t) => meta.priority_severity?.[t.priority] ?? 0;
  const dueTime = (t) => parseDate(t.due)?.getTime() ?? Infinity;

  async function load() {
    list.state(loading("Loading your queue…"));
    const filter = `assigned_to = ${quote(me().id)} && status ${showDone ? "=" : "!="} ${quote(meta.done_status)}`;
    try {
      let items;
      let totalPages = 1;
      let totalItems = -1;
      if (showDone) {
        const res = await pb.collection("tickets").getList(page, perPage, { filter, sort: "-updated" });
        ({ items, totalPages, totalItems } = res);
      } else if (hasTicketField("severity")) {
        const res = await pb.collection("tickets").getList(page, perPage, { filter, sort: "-severity,due" });
        ({ items, totalPages, totalItems } = res);
      } else {
        // without a severity column the server sorts priorities as text:
        // order a moderator's open tickets here instead
        const all = await pb.collection("tickets").getFullList({ filter, sort: "due" });
        all.sort((a, b) => severity(b) - severity(a) || dueTime(a) - dueTime(b));
        totalItems = all.length;
        totalPages = Math.max(1, Math.ceil(all.length / perPage));
        items = all.slice((page - 1) * perPage, page * perPage);
      }
      if (!ctx.isCurrent()) return;
      if (!items.length) {
        list.state(showDone
          ? emptyState("Nothing finished yet", "Tickets you close show up here.")
          : emptyState("Your queue is empty", "New tickets that need your skills are assigned to you automatically. Check your skills on your profile so the right ones reach you.",
            h("a", { href: "#/profile", class: "button" }, "Review my skills")));
        return;
      }
      list.show(items, page, totalPages, totalItems);
    } catch (err) {
      if (ctx.isCurrent()) list.state(errorState(err, load));
    }
  }
  await load();
  const reload = debounced(load, 300);
  const unsub = await pb.collection("tickets").subscribe("*", (e) => {
    const mineNow = e.record.assigned_to === me().id && isDone(e.record) === showDone;
    const patched = e.action === "update" && mineNow && list.patch(e.record);
    if (!patched && (mineNow || list.tbody.querySelector(`tr[data-id="${CSS.escape(e.record.id)}"]`))) {
      if (e.action === "create" || (mineNow && e.action === "update")) announce(`Ticket #${e.record.number} is now in your queue.`);
      reload();
    }
  });
  ctx.live(unsub);
}

// ---------------------------------------------------------------------------

/** all is the admins' list: every ticket, with filters, search and paging. */
export async function all(ctx) {
  const columns = ["number", "title", "status", "priority", "assignee", "due", "age"];
  const state = { page: 1, status: "", priority: "", assignee: "", unassigned: false, overdue: false, q: "" };

  const opts = (values, kind, any) => [h("option", { value: "" }, any), ...values.map((v) => h("option", { value: v }, label(kind, v)))];
  const status = h("select", { name: "status" }, opts(meta.statuses, "status", "Any status"));
  const priority = h("select", { name: "priority" }, opts(meta.priorities, "priority", "Any priority"));
  const assignee = h("select", { name: "assignee" }, h("option", { value: "" }, "Anyone"));
  const unassigned = h("input", { type: "checkbox", name: "unassigned" });
  const overdue = h("input", { type: "checkbox", name: "overdue" });
  const search = h("input", { type: "search", name: "q", placeholder: "Title, text or #number", autocomplete: "off" });
  const filters = h("form", { class: "filters", role: "search", "aria-label": "Filter tickets", onsubmit: (e) => e.preventDefault() },
    field("Search", search), field("Status", status), field("Priority", priority), field("Assignee", assignee),
    h("div", { class: "filter-checks" }, field("Unassigned", unassigned), field("Overdue", overdue)));

  const banner = h("div", { class: "banner", hidden: true, role: "status" });
  let fresh = 0;
  const list = listFrame(columns, "Every ticket", (p) => { state.page = p; load(); });
  const count = h("span", { class: "count muted", "aria-live": "polite" });
  ctx.view.replaceChildren(h("section", { class: "page" },
    header("All tickets", "Every ticket of the desk, newest first.", count), filters, banner, list.frame));

  staffList().then((people) => {
    for (const p of people) assignee.append(h("option", { value: p.id }, p.name));
  }).catch(() => {});

  const onFilter = () => {
    Object.assign(state, {
      page: 1, status: status.value, priority: priority.value, assignee: assignee.value,
      unassigned: unassigned.checked, overdue: overdue.checked, q: search.value.trim(),
    });
    assignee.disabled = state.unassigned;
    load();
  };
  for (const c of [status, priority, assignee, unassigned, overdue]) c.addEventListener("change", onFilter);
  search.addEventListener("input", debounced(onFilter, 300));

  function filterOf() {
    const parts = [];
    if (state.status) parts.push(`status = ${quote(state.status)}`);
    if (state.priority) parts.push(`priority = ${quote(state.priority)}`);
    if (state.unassigned) parts.push(`assigned_to = ""`);
    else if (state.assignee) parts.push(`assigned_to = ${quote(state.assignee)}`);
    if (state.overdue) {
      const now = new Date().toISOString().replace("T", " ");
      parts.push(`due != "" && due < ${quote(now)} && status != ${quote(meta.done_status)}`);
    }
    if (state.q) {
      const n = state.q.replace(/^#/, "");
      const text = `(title ~ ${quote(state.q)} || description ~ ${quote(state.q)}${/^\d+$/.test(n) ? ` || number = ${Number(n)}` : ""})`;
      parts.push(text);
    }
    return parts.join(" && ");
  }

  // Newest first. Without a filter the order is -number, which the
  // unique number index serves (tickets are numbered in creation order);
  // a status or assignee filter has its (field, created) index. The page
  // is fetched without its total, which is counted alongside, so the rows
  // show without waiting for a count over every ticket.
  const sortOf = () => (state.status || state.assignee || state.unassigned ? "-created" : "-number");
  let loadSeq = 0;
  async function load() {
    const seq = ++loadSeq;
    fresh = 0;
    banner.hidden = true;
    if (!list.tbody.children.length) list.state(loading("Loading tickets…"));
    else list.tbody.parentElement.classList.add("stale");
    const filter = filterOf();
    const counted = pb.collection("tickets").getList(1, 1, { filter, fields: "id" }).then((r) => r.totalItems);
    try {
      const res = await pb.collection("tickets").getList(state.page, perPage, { filter, sort: sortOf(), skipTotal: true });
      if (!ctx.isCurrent() || seq !== loadSeq) return;
      list.tbody.parentElement.classList.remove("stale");
      if (!res.items.length) {
        count.textContent = "0 tickets";
        list.state(filter !== ""
          ? emptyState("No ticket matches", "Loosen a filter or clear the search.",
            h("button", { type: "button", class: "ghost", onclick: () => { filters.reset(); onFilter(); } }, "Clear filters"))
          : emptyState("No tickets yet", "When people file tickets they appear here, live."));
        return;
      }
      // until the count is in, "next" is offered when the page is full
      list.show(res.items, state.page, res.items.length === perPage ? state.page + 1 : state.page, -1);
      const total = await counted;
      if (!ctx.isCurrent() || seq !== loadSeq) return;
      count.textContent = `${total} ticket${total === 1 ? "" : "s"}`;
      list.pages(state.page, Math.max(1, Math.ceil(total / perPage)), total);
    } catch (err) {
      if (ctx.isCurrent() && seq === loadSeq) list.state(errorState(err, load));
    }
    counted.catch(() => {});
  }
  await load();

  const unsub = await pb.collection("tickets").subscribe("*", (e) => {
    if (e.action === "update") list.patch(e.record);
    else if (e.action === "delete") list.remove(e.record.id);
    else {
      fresh += 1;
      banner.replaceChildren(`${fresh} new ticket${fresh === 1 ? "" : "s"} since you opened this page. `,
        h("button", { type: "button", class: "link", onclick: () => { state.page = 1; load(); } }, "Show them"));
      banner.hidden = false;
    }
  });
  ctx.live(unsub);
}
