// The Helpdesk portal: sign in, file tickets, follow them live. Every value
// a person wrote is put in the page with textContent, never as HTML.
import PocketBase from "./vendor/pocketbase.es.js";

const pb = new PocketBase(location.origin);
const view = document.getElementById("view");
const staffRoles = ["moderator", "admin"];
let unsubscribe = null;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

// errorText turns PocketBase's error JSON into "field: message" lines.
function errorText(err) {
  const data = err?.response?.data || {};
  const lines = Object.entries(data).map(([f, e]) => `${f}: ${e.message}`);
  return [err?.response?.message || err.message, ...lines].join("\n");
}

function formValues(form) {
  return Object.fromEntries(new FormData(form).entries());
}

function isStaff() {
  return staffRoles.includes(pb.authStore.record?.role);
}

function renderHeader() {
  const who = document.getElementById("who");
  const signout = document.getElementById("signout");
  const me = pb.authStore.record;
  who.textContent = me ? `${me.name} (${me.role})` : "";
  signout.hidden = !me;
}

async function stopLive() {
  if (unsubscribe) {
    await unsubscribe();
    unsubscribe = null;
  }
}

function signInView() {
  const error = el("p", { class: "error", id: "auth-error" });
  const signIn = el("form", { id: "signin", onsubmit: async (ev) => {
    ev.preventDefault();
    const v = formValues(ev.target);
    try {
      await pb.collection("users").authWithPassword(v.email, v.password);
      route();
    } catch (err) { error.textContent = errorText(err); }
  } },
  el("h2", {}, "Sign in"),
  el("input", { name: "email", type: "email", placeholder: "Email", required: "" }),
  el("input", { name: "password", type: "password", placeholder: "Password", required: "" }),
  el("button", { type: "submit" }, "Sign in"));

  const signUp = el("form", { id: "signup", onsubmit: async (ev) => {
    ev.preventDefault();
    const v = formValues(ev.target);
    try {
      await pb.collection("users").create({ ...v, passwordConfirm: v.password });
      await pb.collection("users").authWithPassword(v.email, v.password);
      route();
    } catch (err) { error.textContent = errorText(err); }
  } },
  el("h2", {}, "Create an account"),
  el("input", { name: "name", placeholder: "Your name", required: "", minlength: "2", maxlength: "100" }),
  el("input", { name: "email", type: "email", placeholder: "Email", required: "" }),
  el("input", { name: "password", type: "password", placeholder: "Password (8+ characters)", required: "", minlength: "8" }),
  el("button", { type: "submit" }, "Create account"));

  view.replaceChildren(el("div", { class: "row" }, signIn, signUp), error);
}

function ticketRow(t) {
  return el("tr", { "data-id": t.id },
    el("td", {}, el("a", { href: `#/tickets/${t.id}` }, t.title)),
    el("td", {}, t.status),
    el("td", {}, t.priority ? el("span", { class: `badge ${t.priority}` }, t.priority) : "–"),
    el("td", { class: "triage" }, t.triage),
    el("td", {}, new Date(t.created.replace(" ", "T")).toLocaleString()));
}

async function listView() {
  const error = el("p", { class: "error" });
  const tbody = el("tbody", { id: "tickets" });
  const create = el("form", { id: "new-ticket", onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      await pb.collection("tickets").create(formValues(ev.target));
      ev.target.reset();
      error.textContent = "";
    } catch (err) { error.textContent = errorText(err); }
  } },
  el("h2", {}, "New ticket"),
  el("input", { name: "title", placeholder: "Title", required: "", minlength: "3", maxlength: "200" }),
  el("textarea", { name: "description", placeholder: "What happened? What did you expect?", required: "", maxlength: "20000" }),
  el("button", { type: "submit" }, "File ticket"));

  view.replaceChildren(create, error, el("h2", {}, isStaff() ? "Tickets" : "My tickets"),
    el("table", {}, el("thead", {}, el("tr", {}, ["Title", "Status", "Priority", "Triage", "Created"].map((h) => el("th", {}, h)))), tbody));

  // realtime events come in bursts (each triage step is one); reload the
  // list once per burst, and never let one reload cancel another
  let pending = null;
  const load = async () => {
    try {
      const items = await pb.collection("tickets").getFullList({ sort: "-created", requestKey: null });
      tbody.replaceChildren(...items.map(ticketRow));
    } catch (err) { error.textContent = errorText(err); }
  };
  const reloadSoon = () => {
    pending ??= setTimeout(() => { pending = null; load(); }, 100);
  };
  await load();
  unsubscribe = await pb.collection("tickets").subscribe("*", reloadSoon);
}

async function ticketView(id) {
  const box = el("div", { id: "ticket" });
  view.replaceChildren(el("p", {}, el("a", { href: "#/" }, "← All tickets")), box);

  const render = (t) => {
    const me = pb.authStore.record;
    const fields = [["Status", t.status], ["Priority", t.priority || "–"], ["Triage", t.triage],
      ["Analyzer", t.analyzer || "–"], ["Due", t.due || "–"]];
    const parts = [el("h1", {}, t.title),
      el("dl", {}, fields.flatMap(([k, v]) => [el("dt", {}, k), el("dd", { "data-field": k.toLowerCase() }, v)])),
      el("h3", {}, "Description"), el("p", { class: "notes" }, t.description)];
    if (t.summary) parts.push(el("h3", {}, "Summary"), el("p", {}, t.summary));
    if (isStaff() && t.helpful_notes) parts.push(el("h3", {}, "Notes for the agent"), el("div", { class: "notes" }, t.helpful_notes));
    if (isStaff() && t.related_skills?.length) parts.push(el("p", {}, "Skills: ", t.related_skills.join(", ")));
    if (isStaff() && t.resource_links?.length) {
      parts.push(el("ul", {}, t.resource_links.map((u) => el("li", {}, el("a", { href: u, rel: "noopener noreferrer", target: "_blank" }, u)))));
    }
    const error = el("p", { class: "error" });
    const update = async (data) => {
      try { await pb.collection("tickets").update(t.id, data); } catch (err) { error.textContent = errorText(err); }
    };
    if (t.created_by === me.id && t.status !== "done") {
      parts.push(el("button", { id: "close", onclick: () => update({ status: "done" }) }, "Close ticket"));
    }
    if (me.role === "admin" || (t.assigned_to === me.id && isStaff())) {
      const status = el("select", { name: "status" }, ["todo", "assigned", "in_progress", "done"].map((s) => el("option", s === t.status ? { selected: "" } : {}, s)));
      const priority = el("select", { name: "priority" }, ["low", "medium", "high", "critical"].map((p) => el("option", p === t.priority ? { selected: "" } : {}, p)));
      parts.push(el("form", { onsubmit: (ev) => { ev.preventDefault(); update({ status: status.value, priority: priority.value }); } },
        el("h3", {}, "Work on it"), status, priority, el("button", { type: "submit" }, "Save")));
    }
    parts.push(error);
    box.replaceChildren(...parts);
  };

  try {
    render(await pb.collection("tickets").getOne(id));
  } catch (err) {
    box.replaceChildren(el("p", { class: "error" }, errorText(err)));
    return;
  }
  unsubscribe = await pb.collection("tickets").subscribe(id, (e) => render(e.record));
}

async function route() {
  await stopLive();
  renderHeader();
  if (!pb.authStore.isValid) return signInView();
  const m = location.hash.match(/^#\/tickets\/([a-z0-9]+)$/);
  return m ? ticketView(m[1]) : listView();
}

document.getElementById("signout").addEventListener("click", () => {
  pb.authStore.clear();
  location.hash = "#/";
  route();
});
window.addEventListener("hashchange", route);
route();
