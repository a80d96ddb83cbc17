// The team's figures (GET /api/helpdesk/stats) as small SVG charts (open
// tickets, reading time, SLA breaches, response and resolution times), and for
// admins who is online now (GET /api/helpdesk/online, then live on the
// helpdesk/presence topic).
import { isAdmin, meta, pb, problem } from "../api.js";
import { bars, figure } from "../charts.js";
import { emptyState, h, loading } from "../dom.js";
import { ago, label, seconds } from "../format.js";

/** render shows the team screen. */
export async function render(ctx) {
  const admin = isAdmin();
  const figures = h("div", { class: "kpis" });
  const charts = h("div", { class: "charts" }, loading("Counting…"));
  const online = h("ul", { class: "online", id: "online" });
  const updated = h("span", { class: "muted small", "aria-live": "polite" });
  ctx.view.replaceChildren(h("section", { class: "page" },
    h("div", { class: "page-head" }, h("div", {}, h("h1", {}, admin ? "Team" : "My figures"),
      h("p", { class: "muted" }, admin ? "How the desk is doing right now." : "The tickets assigned to you.")), updated),
    figures, charts,
    admin ? h("section", { class: "card", "aria-labelledby": "online-title" }, h("h2", { id: "online-title", class: "card-title" }, "Online now"), online) : null));

  async function load() {
    try {
      const st = await pb.send("/api/helpdesk/stats", { method: "GET" });
      if (!ctx.isCurrent()) return;
      draw(st);
      updated.textContent = `Updated ${new Date().toLocaleTimeString()}`;
    } catch (err) {
      charts.replaceChildren(emptyState("The figures could not be loaded", problem(err).message));
    }
  }

  function draw(st) {
    const open = meta.statuses.filter((x) => x !== meta.done_status).reduce((n, x) => n + (st.by_status[x] ?? 0), 0);
    const lat = st.triage_latency?.last_24h ?? {};
    figures.replaceChildren(...[
      figure("Open tickets", String(open)),
      figure("Overdue", String(st.overdue ?? 0), st.overdue ? "Past their due time" : "Nothing late"),
      st.breaches !== undefined ? figure("Breaches", String(st.breaches), "Due times missed so far") : null,
      figure("Unassigned", String(st.open_unassigned ?? 0)),
      figure("Reading time (median, 24 h)", seconds(lat.p50_seconds), lat.count ? `${lat.count} tickets read` : "No tickets read today"),
    ].filter(Boolean));

    const prioTone = (p) => `prio-${p}`;
    const list = [
      bars("Open by status", meta.statuses.filter((x) => x !== meta.done_status).map((x) => ({ label: label("status", x), value: st.by_status[x] ?? 0, tone: `status-${x}` }))),
      bars("By priority", [...meta.priorities].reverse().map((p) => ({ label: label("priority", p), value: st.by_priority[p] ?? 0, tone: prioTone(p) }))
        .concat(st.by_priority.none ? [{ label: "Not set yet", value: st.by_priority.none }] : [])),
    ];
    if (admin) {
      list.push(bars("Open per assignee", (st.open_by_assignee ?? []).slice(0, 10).map((a) => ({ label: a.name || "—", value: a.count }))
        .concat(st.open_unassigned ? [{ label: "Unassigned", value: st.open_unassigned, tone: "warn" }] : []), { empty: "Nobody has open tickets." }));
    }
    const l7 = st.triage_latency?.last_7d ?? {};
    list.push(bars("Reading time", [
      { label: "Median 24 h", value: lat.p50_seconds ?? 0 }, { label: "95th % 24 h", value: lat.p95_seconds ?? 0 },
      { label: "Median 7 d", value: l7.p50_seconds ?? 0 }, { label: "95th % 7 d", value: l7.p95_seconds ?? 0 },
    ], { format: seconds, empty: "No ticket was read in the last 7 days." }));
    if (st.breaches_by_assignee) {
      list.push(bars(admin ? "Breaches per assignee" : "My breaches", st.breaches_by_assignee.slice(0, 10)
        .map((a) => ({ label: a.id ? a.name || "—" : "Nobody", value: a.count, tone: "warn" })), { empty: "No ticket has passed its due time." }));
    }
    // median first-response and resolution times, overall then per assignee
    const rt = st.response_times;
    if (rt) {
      for (const [key, title] of [["first_response", "First response (median)"], ["resolution", "Resolution (median)"]]) {
        const rows = [{ label: admin ? "Everyone" : "Mine", value: rt[key]?.median_seconds ?? 0, tone: "total" }];
        if (admin) {
          rows.push(...(rt.by_assignee ?? []).filter((a) => a[key]?.count).slice(0, 9)
            .map((a) => ({ label: a.name || "—", value: a[key].median_seconds ?? 0 })));
        }
        list.push(bars(title, rows, { format: seconds, empty: key === "resolution" ? "No ticket resolved yet." : "No public reply yet." }));
      }
    }
    charts.replaceChildren(...list);
  }

  await load();
  const timer = setInterval(load, 60_000);
  ctx.live(() => clearInterval(timer));

  if (admin) {
    const drawOnline = (people) => {
      online.replaceChildren(...(people.length ? people.map((p) => h("li", {},
        h("span", { class: "presence-dot", "aria-hidden": "true" }),
        h("strong", {}, p.name), h("span", { class: "muted" }, ` · ${label("role", p.role)} · since ${ago(p.since).replace(" ago", "")}`)))
        : [h("li", { class: "muted" }, "Nobody else is connected right now.")]));
    };
    try {
      drawOnline((await pb.send("/api/helpdesk/online", { method: "GET" })).items);
      ctx.live(await pb.realtime.subscribe("helpdesk/presence", (e) => drawOnline(e.online ?? [])));
    } catch (err) {
      online.replaceChildren(h("li", { class: "error-state" }, problem(err).message));
    }
  }
}
