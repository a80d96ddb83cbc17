// Admins manage people: search by name, filter by role, and per person the
// role, skills, and away and capacity where routing has them. Each row
// saves only what changed.
import { hasUserField, me, meta, pb, problem, quote } from "../api.js";
import { announce, busy, emptyState, field, h, loading } from "../dom.js";
import { ago, label } from "../format.js";
import { parseSkills, skillsText } from "./profile.js";

const perPage = 20;

/** render shows the users screen. */
export async function render(ctx) {
  const state = { q: "", role: "", page: 1 };
  const search = h("input", { type: "search", name: "q", placeholder: "Name", autocomplete: "off" });
  const role = h("select", { name: "role" }, h("option", { value: "" }, "Any role"), meta.roles.map((r) => h("option", { value: r }, label("role", r))));
  const filters = h("form", { class: "filters", role: "search", "aria-label": "Find people", onsubmit: (e) => e.preventDefault() },
    field("Search", search), field("Role", role));
  const list = h("ul", { class: "people", id: "users" });
  const pager = h("nav", { class: "pager", "aria-label": "Pages" });
  const count = h("span", { class: "muted", "aria-live": "polite" });
  ctx.view.replaceChildren(h("section", { class: "page" },
    h("div", { class: "page-head" }, h("div", {}, h("h1", {}, "Users"), h("p", { class: "muted" }, "Roles, skills and availability of everyone on the desk.")), count),
    filters, list, pager));

  let timer = null;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => { state.q = search.value.trim(); state.page = 1; load(); }, 300);
  });
  role.addEventListener("change", () => { state.role = role.value; state.page = 1; load(); });

  async function load() {
    list.replaceChildren(h("li", {}, loading("Loading people…")));
    const parts = [];
    if (state.q) parts.push(`name ~ ${quote(state.q)}`);
    if (state.role) parts.push(`role = ${quote(state.role)}`);
    try {
      const res = await pb.collection("users").getList(state.page, perPage, { filter: parts.join(" && "), sort: "name" });
      if (!ctx.isCurrent()) return;
      count.textContent = `${res.totalItems} ${res.totalItems === 1 ? "person" : "people"}`;
      list.replaceChildren(...(res.items.length ? res.items.map(personRow)
        : [h("li", {}, emptyState("Nobody matches", "Try another name or role."))]));
      pager.replaceChildren();
      if (res.totalPages > 1) {
        pager.append(
          h("button", { type: "button", class: "ghost", disabled: res.page <= 1, onclick: () => { state.page -= 1; load(); } }, "← Previous"),
          h("span", { class: "pager-text" }, `Page ${res.page} of ${res.totalPages}`),
          h("button", { type: "button", class: "ghost", disabled: res.page >= res.totalPages, onclick: () => { state.page += 1; load(); } }, "Next →"));
      }
    } catch (err) {
      list.replaceChildren(h("li", {}, emptyState("People could not be loaded", problem(err).message,
        h("button", { type: "button", class: "primary", onclick: load }, "Try again"))));
    }
  }
  await load();
}

function personRow(u) {
  let saved = u;
  const roleSel = h("select", { name: "role" }, meta.roles.map((r) => h("option", { value: r }, label("role", r))));
  roleSel.value = u.role;
  const skills = h("input", { name: "skills", value: skillsText(u.skills), autocomplete: "off" });
  const controls = { role: roleSel, skills };
  const fields = [field("Role", roleSel), field("Skills", skills, "Comma-separated")];
  if (hasUserField("away")) {
    const away = h("input", { type: "checkbox", name: "away", checked: !!u.away });
    controls.away = away;
    fields.push(field("Away", away));
  }
  if (hasUserField("max_open")) {
    const max = h("input", { type: "number", name: "max_open", min: 0, value: u.max_open ?? 0, inputmode: "numeric" });
    controls.max_open = max;
    fields.push(field("Max open tickets", max, "0 = no limit"));
  }
  const valueOf = (k, c) => (k === "skills" ? skillsText(parseSkills(c.value)) : c.type === "checkbox" ? c.checked : c.type === "number" ? Number(c.value) : c.value);
  const storedOf = (k) => (k === "skills" ? skillsText(saved.skills) : k === "away" ? !!saved.away : k === "max_open" ? Number(saved.max_open ?? 0) : saved[k]);
  const changed = () => Object.entries(controls).filter(([k, c]) => valueOf(k, c) !== storedOf(k));
  const save = h("button", { type: "submit", class: "primary small", disabled: true }, "Save");
  const summary = h("p", { class: "form-error", role: "alert", hidden: true });
  const form = h("form", { class: "person-form", novalidate: true, "aria-label": `Settings of ${u.name}` }, summary, fields, h("div", { class: "form-actions" }, save));
  form.addEventListener("input", () => { save.disabled = changed().length === 0; });
  form.addEventListener("change", () => { save.disabled = changed().length === 0; });
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    summary.hidden = true;
    for (const e of form.querySelectorAll(".field-error")) e.textContent = "";
    const data = {};
    for (const [k, c] of changed()) data[k] = k === "skills" ? parseSkills(c.value) : valueOf(k, c);
    try {
      saved = await busy(save, "Saving…", () => pb.collection("users").update(u.id, data));
      save.disabled = true;
      badge.className = `badge role-${saved.role}`;
      badge.replaceChildren(label("role", saved.role));
      announce(`${u.name} saved.`);
    } catch (err) {
      const p = problem(err);
      for (const [name, text] of Object.entries(p.fields)) {
        const slot = form.querySelector(`.field[data-field="${CSS.escape(name)}"] .field-error`);
        if (slot) slot.textContent = text;
      }
      summary.textContent = p.message;
      summary.hidden = false;
    }
  });
  const badge = h("span", { class: `badge role-${u.role}` }, label("role", u.role));
  return h("li", { class: "person card", "data-id": u.id },
    h("div", { class: "person-head" },
      h("span", { class: "avatar", "aria-hidden": "true" }, (u.name || "?").charAt(0).toUpperCase()),
      h("div", {}, h("strong", {}, u.name, u.id === me().id ? " (you)" : ""), h("p", { class: "muted small" }, u.email || "address hidden", " · joined ", ago(u.created))),
      badge),
    form);
}
