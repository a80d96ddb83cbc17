// The ticket lists: "My tickets" (a requester's own, newest first),
// "Assigned to me" (a moderator's queue: most severe first, then the
// soonest due) and "All tickets" (admins: filters, search, paging). Each
// has a full-text search box where the server has search (the server
// keeps each person to the tickets they may see). Live events patch the
// rows in view; nothing reloads the whole list for an edit.
import { hasRoute, isDone, isStaff, me, meta, pb, problem, quote, searchRoute, searchTickets, staffList } from "../api.js";
import { announce, emptyState, field, h, loading } from "../dom.js";
import { label } from "../format.js";
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
  // the rows' tickets, so a live record keeps what only the list had (a snippet)
  const shown = new Map();
  return {
    frame,
    tbody,
    show(items, page, totalPages, totalItems) {
      stateBox.replaceChildren();
      table.hidden = items.length === 0;
      shown.clear();
      for (const t of items) shown.set(t.id, t);
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
      const merged = { ...(shown.get(record.id) ?? {}), ...record };
      shown.set(record.id, merged);
      const fresh = ticketRow(merged, columns);
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

/**
 * searchInput is a list's search box where the server has search, else
 * null: onSearch(text) runs once the person pauses typing. The box's
 * .field shows the server's message on q (a query with nothing to find).
 */
function searchInput(label, placeholder, onSearch) {
  if (!hasRoute(searchRoute)) return null;
  const input = h("input", { type: "search", name: "q", placeholder, autocomplete: "off", maxlength: 1000 });
  const wrap = field(label, input);
  input.addEventListener("input", debounced(() => {
    wrap.error.textContent = "";
    input.removeAttribute("aria-invalid");
    onSearch(input.value.trim());
  }, 300));
  return wrap;
}

/** searchRefused shows a 400 on q next to the search box; false for any other error. */
function searchRefused(err, box) {
  const p = problem(err);
  if (p.status !== 400 || !box || !p.fields.q) return false;
  box.error.textContent = p.fields.q;
  box.control.setAttribute("aria-invalid", "true");
  return true;
}

const pagesOf = (total) => Math.max(1, Math.ceil(total / perPage));
const noMatch = (q, action) => emptyState(`Nothing matches “${q}”`, "Try other or fewer words; a word also finds the words it begins.", action);

// debounced runs fn once per burst of calls
function debounced(fn, ms = 150) {
  let timer = null;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

// ---------------------------------------------------------------------------

/**
 * mine is "My tickets": the tickets the signed-in user filed. A requester
 * also searches them (staff search in their queue or the admin list: the
 * server's search has no "filed by me" filter).
 */
export async function mine(ctx) {
  const columns = ["number", "title", "status", "priority", "assignee", "age"];
  let page = 1;
  let q = "";
  const list = listFrame(columns, "Your tickets, newest first", (p) => { page = p; load(); });
  const box = isStaff() ? null : searchInput("Search your tickets", "Words from a title, description or reply", (text) => { q = text; page = 1; load(); });
  const intro = h("p", { class: "muted" }, "Everything you asked the team, newest first.");
  ctx.view.replaceChildren(h("section", { class: "page" },
    h("div", { class: "page-head" }, h("div", {}, h("h1", {}, "My tickets"), intro),
      h("div", { class: "page-actions" }, h("a", { href: "#/new", class: "button primary" }, "New ticket"))),
    box ? h("form", { class: "filters single", role: "search", "aria-label": "Search your tickets", onsubmit: (e) => e.preventDefault() }, box) : null,
    list.frame));

  let loadSeq = 0;
  async function load() {
    const seq = ++loadSeq;
    list.state(loading(q ? "Searching your tickets…" : "Loading your tickets…"));
    intro.textContent = q ? "Your tickets that match, best matches first." : "Everything you asked the team, newest first.";
    try {
      const res = q
        ? await searchTickets({ q, page, perPage })
        : await pb.collection("tickets").getList(page, perPage, { filter: `created_by = ${quote(me().id)}`, sort: "-created" });
      if (!ctx.isCurrent() || seq !== loadSeq) return;
      if (!res.items.length) {
        list.state(q ? noMatch(q) : emptyState("No tickets yet", "When something doesn't work, tell us: we'll read it right away and find the right person.",
          h("a", { href: "#/new", class: "button primary" }, "File your first ticket")));
        return;
      }
      list.show(res.items, page, pagesOf(res.totalItems), res.totalItems);
    } catch (err) {
      if (!ctx.isCurrent() || seq !== loadSeq) return;
      if (searchRefused(err, box)) list.state(emptyState("Nothing to search for", "Add a word to find."));
      else list.state(errorState(err, load));
    }
  }
  await load();
  const reload = debounced(load);
  const unsub = await pb.collection("tickets").subscribe("*", (e) => {
    if (e.record.created_by !== me().id) return;
    if (e.action === "update") list.patch(e.record);
    else if (e.action === "delete") list.remove(e.record.id);
    else if (page === 1 && !q) reload();
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
  let q = "";
  const list = listFrame(columns, "Tickets assigned to you", (p) => { page = p; load(); });
  const box = searchInput("Search my tickets", "Words, \"a phrase\", -exclude", (text) => { q = text; page = 1; load(); });
  const toggle = h("div", { class: "segmented", role: "group", "aria-label": "Which tickets" },
    h("button", { type: "button", "aria-pressed": "true", onclick: (e) => setDone(false, e.target) }, "Open"),
    h("button", { type: "button", "aria-pressed": "false", onclick: (e) => setDone(true, e.target) }, "Done"));
  function setDone(v, button) {
    showDone = v;
    page = 1;
    for (const b of toggle.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b === button));
    load();
  }
  const intro = h("p", { class: "muted" });
  ctx.view.replaceChildren(h("section", { class: "page" },
    h("div", { class: "page-head" }, h("div", {}, h("h1", {}, "Assigned to me"), intro), h("div", { class: "page-actions" }, toggle)),
    box ? h("form", { class: "filters single", role: "search", "aria-label": "Search my tickets", onsubmit: (e) => e.preventDefault() }, box) : null,
    list.frame));

  let loadSeq = 0;
  async function load() {
    const seq = ++loadSeq;
    // a search looks through all one's tickets, open and done
    toggle.hidden = !!q;
    intro.textContent = q ? "Your tickets, open and done, that match: best matches first."
      : showDone ? "Finished, the latest first." : "Most severe first, then the soonest due; overdue ones are marked.";
    list.state(loading(q ? "Searching…" : "Loading your queue…"));
    const filter = `assigned_to = ${quote(me().id)} && status ${showDone ? "=" : "!="} ${quote(meta.done_status)}`;
    try {
      let items;
      let totalPages = 1;
      let totalItems = -1;
      if (q) {
        const res = await searchTickets({ q, page, perPage, assigned_to: me().id });
        items = res.items;
        totalItems = res.totalItems;
        totalPages = pagesOf(totalItems);
      } else if (showDone) {
        const res = await pb.collection("tickets").getList(page, perPage, { filter, sort: "-updated" });
        ({ items, totalPages, totalItems } = res);
      } else {
        // tickets.severity is the priority's rank: the server sorts the queue
        const res = await pb.collection("tickets").getList(page, perPage, { filter, sort: "-severity,due" });
        ({ items, totalPages, totalItems } = res);
      }
      if (!ctx.isCurrent() || seq !== loadSeq) return;
      if (!items.length) {
        list.state(q ? noMatch(q) : showDone
          ? emptyState("Nothing finished yet", "Tickets you close show up here.")
          : emptyState("Your queue is empty", "New tickets that need your skills are assigned to you automatically. Check your skills on your profile so the right ones reach you.",
            h("a", { href: "#/profile", class: "button" }, "Review my skills")));
        return;
      }
      list.show(items, page, totalPages, totalItems);
    } catch (err) {
      if (!ctx.isCurrent() || seq !== loadSeq) return;
      if (searchRefused(err, box)) list.state(emptyState("Nothing to search for", "Add a word to find."));
      else list.state(errorState(err, load));
    }
  }
  await load();
  const reload = debounced(load, 300);
  const unsub = await pb.collection("tickets").subscribe("*", (e) => {
    if (q) {
      list.patch(e.record);
      return;
    }
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

/**
 * all is the admins' list: every ticket, with filters, full-text search
 * (best matches first) and paging; "#123" opens ticket number 123's row.
 */
export async function all(ctx) {
  const columns = ["number", "title", "status", "priority", "assignee", "due", "age"];
  const state = { page: 1, status: "", priority: "", assignee: "", unassigned: false, overdue: false, q: "" };
  const canSearch = hasRoute(searchRoute);

  const opts = (values, kind, any) => [h("option", { value: "" }, any), ...values.map((v) => h("option", { value: v }, label(kind, v)))];
  const status = h("select", { name: "status" }, opts(meta.statuses, "status", "Any status"));
  const priority = h("select", { name: "priority" }, opts(meta.priorities, "priority", "Any priority"));
  const assignee = h("select", { name: "assignee" }, h("option", { value: "" }, "Anyone"));
  const unassigned = h("input", { type: "checkbox", name: "unassigned" });
  const overdue = h("input", { type: "checkbox", name: "overdue" });
  const search = h("input", { type: "search", name: "q", placeholder: canSearch ? "Words, \"a phrase\", -exclude, #number" : "#number", autocomplete: "off", maxlength: 1000 });
  const searchBox = field("Search", search);
  const searchNote = h("p", { class: "hint filters-note", hidden: true }, "Best matches first, in titles, descriptions and the whole conversation. Unassigned and Overdue apply to the list without a search.");
  const filters = h("form", { class: "filters", role: "search", "aria-label": "Filter tickets", onsubmit: (e) => e.preventDefault() },
    searchBox, field("Status", status), field("Priority", priority), field("Assignee", assignee),
    h("div", { class: "filter-checks" }, field("Unassigned", unassigned), field("Overdue", overdue)), searchNote);

  const banner = h("div", { class: "banner", hidden: true, role: "status" });
  let fresh = 0;
  const list = listFrame(columns, "Every ticket", (p) => { state.page = p; load(); });
  const count = h("span", { class: "count muted", "aria-live": "polite" });
  const intro = h("p", { class: "muted" });
  ctx.view.replaceChildren(h("section", { class: "page" },
    h("div", { class: "page-head" }, h("div", {}, h("h1", {}, "All tickets"), intro), count), filters, banner, list.frame));

  staffList().then((people) => {
    for (const p of people) assignee.append(h("option", { value: p.id }, p.name));
  }).catch(() => {});

  const number = (q) => (/^#\d+$/.test(q) ? Number(q.slice(1)) : null);
  const textSearch = () => canSearch && state.q !== "" && number(state.q) === null;
  const onFilter = () => {
    Object.assign(state, {
      page: 1, status: status.value, priority: priority.value, assignee: assignee.value,
      unassigned: unassigned.checked, overdue: overdue.checked, q: search.value.trim(),
    });
    searchBox.error.textContent = "";
    search.removeAttribute("aria-invalid");
    const text = textSearch();
    unassigned.disabled = text;
    overdue.disabled = text;
    searchNote.hidden = !text;
    assignee.disabled = state.unassigned && !text;
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
    if (number(state.q) !== null) parts.push(`number = ${number(state.q)}`);
    return parts.join(" && ");
  }

  // Newest first. Without a filter the order is -number, which the
  // unique number index serves (tickets are numbered in creation order);
  // a status or assignee filter has its (field, created) index. The page
  // is fetched without its total, which is counted alongside, so the rows
  // show without waiting for a count over every ticket.
  const sortOf = () => (state.status || state.assignee || state.unassigned ? "-created" : "-number");
  let loadSeq = 0;
  function cleared(title) {
    return emptyState(title, "Loosen a filter or clear the search.",
      h("button", { type: "button", class: "ghost", onclick: () => { filters.reset(); onFilter(); } }, "Clear filters"));
  }
  async function load() {
    const seq = ++loadSeq;
    fresh = 0;
    banner.hidden = true;
    intro.textContent = textSearch() ? "Best matches first." : "Every ticket of the desk, newest first.";
    if (!list.tbody.children.length) list.state(loading("Loading tickets…"));
    else list.tbody.parentElement.classList.add("stale");
    if (textSearch()) return runSearch(seq);
    const filter = filterOf();
    const counted = pb.collection("tickets").getList(1, 1, { filter, fields: "id" }).then((r) => r.totalItems);
    try {
      const res = await pb.collection("tickets").getList(state.page, perPage, { filter, sort: sortOf(), skipTotal: true });
      if (!ctx.isCurrent() || seq !== loadSeq) return;
      list.tbody.parentElement.classList.remove("stale");
      if (!res.items.length) {
        count.textContent = "0 tickets";
        list.state(filter !== "" ? cleared("No ticket matches") : emptyState("No tickets yet", "When people file tickets they appear here, live."));
        return;
      }
      // until the count is in, "next" is offered when the page is full
      list.show(res.items, state.page, res.items.length === perPage ? state.page + 1 : state.page, -1);
      const total = await counted;
      if (!ctx.isCurrent() || seq !== loadSeq) return;
      count.textContent = `${total} ticket${total === 1 ? "" : "s"}`;
      list.pages(state.page, pagesOf(total), total);
    } catch (err) {
      if (ctx.isCurrent() && seq === loadSeq) list.state(errorState(err, load));
    }
    counted.catch(() => {});
  }

  async function runSearch(seq) {
    try {
      const res = await searchTickets({ q: state.q, page: state.page, perPage, status: state.status, priority: state.priority, assigned_to: state.assignee });
      if (!ctx.isCurrent() || seq !== loadSeq) return;
      list.tbody.parentElement.classList.remove("stale");
      count.textContent = `${res.totalItems} found`;
      if (!res.items.length) {
        list.state(noMatch(state.q, h("button", { type: "button", class: "ghost", onclick: () => { filters.reset(); onFilter(); } }, "Clear filters")));
        return;
      }
      list.show(res.items, state.page, pagesOf(res.totalItems), res.totalItems);
    } catch (err) {
      if (!ctx.isCurrent() || seq !== loadSeq) return;
      list.tbody.parentElement.classList.remove("stale");
      count.textContent = "";
      if (searchRefused(err, searchBox)) list.state(emptyState("Nothing to search for", "Add a word to find."));
      else list.state(errorState(err, load));
    }
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
