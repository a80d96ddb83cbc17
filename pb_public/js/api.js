// The one module that talks to the server: the SDK client, the contract's
// enums (GET /api/helpdesk/meta, read once at start), the session and its
// refresh, and how an API error reads to a person.
import PocketBase from "../vendor/pocketbase.es.js";

export const pb = new PocketBase(location.origin);
// one screen's request must never cancel another's
pb.autoCancellation(false);

/** meta holds the enums and limits once loadMeta has run. */
export const meta = {};

/** loadMeta reads the contract's enums and limits from the server. */
export async function loadMeta() {
  Object.assign(meta, await pb.send("/api/helpdesk/meta", { method: "GET" }));
  return meta;
}

/** me is the signed-in user's record, or null. */
export function me() {
  return pb.authStore.isValid ? pb.authStore.record : null;
}

/** isStaff says whether the signed-in user works tickets. */
export function isStaff(user = me()) {
  return !!user && (meta.staff_roles ?? []).includes(user.role);
}

/** isAdmin says whether the signed-in user is an admin. */
export function isAdmin(user = me()) {
  return !!user && user.role === meta.admin_role;
}

/** isDone says whether a ticket is finished. */
export function isDone(t) {
  return t.status === meta.done_status;
}

// ---------------------------------------------------------------------------
// session

let refreshTimer = null;

/** tokenExpiry returns when a JWT expires (ms since epoch), or 0. */
function tokenExpiry(token) {
  try {
    const payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    return (payload.exp ?? 0) * 1000;
  } catch {
    return 0;
  }
}

/**
 * refreshSession renews the token and reloads the user's record (role,
 * name) from the server: on load, then a few minutes before each expiry,
 * so a role change shows without signing out. A refused refresh signs out.
 */
export async function refreshSession() {
  clearTimeout(refreshTimer);
  if (!pb.authStore.isValid) return null;
  try {
    await pb.collection("users").authRefresh();
  } catch (err) {
    if (err?.status === 401 || err?.status === 403 || err?.status === 404) pb.authStore.clear();
    else scheduleRefresh(30_000); // offline or busy: try again soon, keep the session
    return me();
  }
  scheduleRefresh();
  return me();
}

function scheduleRefresh(inMs) {
  clearTimeout(refreshTimer);
  if (!pb.authStore.isValid) return;
  const exp = tokenExpiry(pb.authStore.token);
  const wait = inMs ?? Math.max(10_000, Math.min(exp - Date.now() - 5 * 60_000, 2 ** 31 - 1));
  refreshTimer = setTimeout(refreshSession, wait);
}

/** signIn authenticates with email and password and schedules the refresh. */
export async function signIn(email, password) {
  await pb.collection("users").authWithPassword(email, password);
  scheduleRefresh();
  return me();
}

/** signOut forgets the session. */
export function signOut() {
  clearTimeout(refreshTimer);
  pb.realtime.unsubscribe().catch(() => {});
  pb.authStore.clear();
}

// ---------------------------------------------------------------------------
// errors

/**
 * problem turns an SDK error into what a person reads: a sentence and the
 * messages per field the server named.
 */
export function problem(err) {
  const status = err?.status ?? 0;
  const data = err?.response?.data ?? {};
  const fields = {};
  for (const [name, e] of Object.entries(data)) {
    if (e && typeof e === "object" && e.message) fields[name] = e.message;
  }
  let message = err?.response?.message || err?.message || "Something went wrong.";
  if (status === 429) message = "Slow down, try again in a moment.";
  else if (status === 0) message = "The server cannot be reached. Check your connection and try again.";
  else if (status === 413) message = "That is too large to send. Attach smaller files.";
  else if (status === 403 && !Object.keys(fields).length) message = "You are not allowed to do that.";
  else if (status === 404) message = "Not found, or you are not allowed to see it.";
  else if (status >= 500) message = "The server had a problem. Try again in a moment.";
  return { status, message, fields };
}

/**
 * showProblem puts a problem's field messages next to the fields of form
 * (the .field wrappers whose data-field names them) and the rest in
 * summary. Returns the problem.
 */
export function showProblem(form, summary, err) {
  const p = problem(err);
  clearProblem(form, summary);
  const unplaced = [];
  for (const [name, text] of Object.entries(p.fields)) {
    const wrap = form.querySelector(`.field[data-field="${CSS.escape(name)}"]`);
    if (wrap) {
      wrap.querySelector(".field-error").textContent = text;
      wrap.querySelector("input, textarea, select")?.setAttribute("aria-invalid", "true");
    } else {
      unplaced.push(`${name}: ${text}`);
    }
  }
  summary.textContent = [Object.keys(p.fields).length && !unplaced.length ? "Check the fields marked below." : p.message, ...unplaced].join(" ");
  summary.hidden = false;
  const first = form.querySelector("[aria-invalid=true]");
  first?.focus();
  return p;
}

/** clearProblem removes what showProblem put on a form. */
export function clearProblem(form, summary) {
  for (const e of form.querySelectorAll(".field-error")) e.textContent = "";
  for (const c of form.querySelectorAll("[aria-invalid]")) c.removeAttribute("aria-invalid");
  if (summary) {
    summary.textContent = "";
    summary.hidden = true;
  }
}

// ---------------------------------------------------------------------------
// files

let fileToken = { value: "", until: 0 };

/** fileURL returns a download address of a protected file of record. */
export async function fileURL(record, name) {
  if (Date.now() > fileToken.until) {
    fileToken = { value: await pb.files.getToken(), until: Date.now() + 60_000 };
  }
  return pb.files.getURL(record, name, { token: fileToken.value });
}

// ---------------------------------------------------------------------------
// what the server has (fields and routes that land later are used once
// they exist, never faked before)

/** hasTicketField says whether tickets have the field now. */
export function hasTicketField(name) {
  return (meta.ticket_fields ?? []).includes(name);
}

/** hasUserField says whether users have the field now. */
export function hasUserField(name) {
  return (meta.user_fields ?? []).includes(name);
}

/** hasRoute says whether the server serves "METHOD /path". */
export function hasRoute(route) {
  return (meta.routes ?? []).includes(route);
}

/** quote makes a value safe inside a PocketBase filter string. */
export function quote(v) {
  return `"${String(v).replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** staffList returns the moderators and admins (for staff), cached briefly. */
let staffCache = { at: 0, list: null };
export async function staffList() {
  if (staffCache.list && Date.now() - staffCache.at < 60_000) return staffCache.list;
  const filter = (meta.staff_roles ?? []).map((r) => `role = ${quote(r)}`).join(" || ");
  staffCache = { at: Date.now(), list: await pb.collection("users").getFullList({ filter, sort: "name", fields: "id,name,role" }) };
  return staffCache.list;
}

// ---------------------------------------------------------------------------
// search (GET /api/helpdesk/search and /tickets/{id}/similar)

/** searchRoute and similarRoute are the routes as the meta lists them. */
export const searchRoute = "GET /api/helpdesk/search";
export const similarRoute = "GET /api/helpdesk/tickets/{id}/similar";

/**
 * searchTickets runs a full-text search: params {q, page, perPage, status,
 * priority, assigned_to} (empty ones left out). Answers {page, perPage,
 * totalItems, items}, each item the hit (with its snippet) over the
 * ticket's record, which adds what a row shows and a hit lacks (due,
 * assignee_name): one list request for the page's ids.
 */
export async function searchTickets(params) {
  const query = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== "" && v !== null && v !== undefined));
  const res = await pb.send("/api/helpdesk/search", { method: "GET", query });
  return { ...res, items: await withRecords(res.items ?? []) };
}

/** similarTickets answers the tickets most like ticket id (staff), best first. */
export async function similarTickets(id) {
  const res = await pb.send(`/api/helpdesk/tickets/${encodeURIComponent(id)}/similar`, { method: "GET" });
  return withRecords(res.items ?? []);
}

async function withRecords(hits) {
  if (!hits.length) return hits;
  const filter = hits.map((t) => `id = ${quote(t.id)}`).join(" || ");
  const records = await pb.collection("tickets").getList(1, hits.length, { filter, skipTotal: true })
    .then((r) => r.items).catch(() => []);
  const byId = Object.fromEntries(records.map((r) => [r.id, r]));
  return hits.map((t) => ({ ...t, ...(byId[t.id] ?? {}), snippet: t.snippet }));
}
