// The Helpdesk portal: the router, the navigation per role and the start
// (the contract's enums, then the session refresh, then the first screen).
// Each screen is a module in js/screens; js/api.js is the only one that
// talks to the server.
import { isAdmin, isStaff, loadMeta, me, pb, refreshSession, signOut } from "./js/api.js";
import { h, loading } from "./js/dom.js";
import { label } from "./js/format.js";

const view = document.getElementById("view");

// route table: pattern → [module, who may open it]
const routes = [
  [/^#\/signin$/, "auth.js", "signin", "guest"],
  [/^#\/signup$/, "auth.js", "signup", "guest"],
  [/^#\/forgot$/, "auth.js", "forgot", "guest"],
  [/^#\/reset-password\/([^/]+)$/, "auth.js", "reset", "any"],
  [/^#\/my$/, "tickets.js", "mine", "user"],
  [/^#\/assigned$/, "tickets.js", "assigned", "staff"],
  [/^#\/all$/, "tickets.js", "all", "admin"],
  [/^#\/new$/, "new-ticket.js", "render", "user"],
  [/^#\/tickets\/([a-z0-9]+)$/, "ticket.js", "render", "user"],
  [/^#\/users$/, "users.js", "render", "admin"],
  [/^#\/team$/, "team.js", "render", "staff"],
  [/^#\/profile$/, "profile.js", "render", "user"],
];

function home() {
  if (!me()) return "#/signin";
  if (isAdmin()) return "#/all";
  if (isStaff()) return "#/assigned";
  return "#/my";
}

function allowed(who) {
  if (who === "any") return true;
  if (who === "guest") return !me();
  if (!me()) return false;
  if (who === "staff") return isStaff();
  if (who === "admin") return isAdmin();
  return true;
}

function renderChrome() {
  const user = me();
  const nav = document.getElementById("nav");
  const account = document.getElementById("account");
  const links = [];
  if (user) {
    if (isAdmin()) links.push(["#/all", "All tickets"]);
    if (isStaff()) links.push(["#/assigned", "Assigned to me"]);
    links.push(["#/my", isStaff() ? "My requests" : "My tickets"]);
    links.push(["#/new", "New ticket"]);
    if (isAdmin()) links.push(["#/users", "Users"]);
    if (isStaff()) links.push(["#/team", "Team"]);
  }
  const current = location.hash || home();
  nav.replaceChildren(...links.map(([href, text]) =>
    h("a", { href, class: "nav-link", "aria-current": current.startsWith(href) ? "page" : false }, text)));
  if (!user) {
    account.replaceChildren(h("a", { href: "#/signin", class: "nav-link" }, "Sign in"));
    return;
  }
  account.replaceChildren(
    h("a", { href: "#/profile", class: "who", id: "who", "aria-current": current === "#/profile" ? "page" : false },
      h("span", { class: "avatar", "aria-hidden": "true" }, (user.name || "?").trim().charAt(0).toUpperCase()),
      h("span", { class: "who-text" }, h("span", { class: "who-name" }, user.name), h("span", { class: "who-role" }, label("role", user.role)))),
    h("button", { type: "button", id: "signout", class: "ghost small", onclick: () => signOut() }, "Sign out"));
}

let cleanups = [];
let generation = 0;

async function route() {
  const gen = ++generation;
  for (const fn of cleanups.splice(0)) {
    try { await fn(); } catch { /* the subscription is gone already */ }
  }
  if (gen !== generation) return;
  let hash = location.hash;
  if (!hash || hash === "#/" || hash === "#") {
    history.replaceState(null, "", home());
    hash = home();
  }
  renderChrome();
  const match = routes.map(([re, mod, fn, who]) => ({ m: hash.match(re), mod, fn, who })).find((r) => r.m);
  if (!match) {
    view.replaceChildren(h("section", { class: "panel" }, h("h1", {}, "Page not found"), h("p", {}, h("a", { href: home() }, "Go to your start page"))));
    return;
  }
  if (!allowed(match.who)) {
    if (!me()) {
      sessionStorage.setItem("after-signin", hash);
      location.hash = "#/signin";
    } else {
      location.hash = home();
    }
    return;
  }
  view.replaceChildren(loading());
  const screen = await import(`./js/screens/${match.mod}`);
  if (gen !== generation) return;
  const ctx = {
    view,
    params: match.m.slice(1),
    live: (fn) => cleanups.push(fn),
    isCurrent: () => gen === generation,
    home,
    rerender: route,
  };
  await screen[match.fn](ctx);
}

// go opens hash, redrawing even when it is the current one
function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

async function start() {
  // the enums and the session are independent: ask for both at once
  const session = refreshSession();
  try {
    await loadMeta();
  } catch {
    view.replaceChildren(h("section", { class: "panel" }, h("h1", {}, "Helpdesk is not reachable"),
      h("p", {}, "The server did not answer. Reload the page in a moment.")));
    return;
  }
  await session;
  // a new sign-in, a refresh that brings a new role, a sign-out: redraw
  let role = me()?.role ?? null;
  let id = me()?.id ?? null;
  pb.authStore.onChange(() => {
    const now = me();
    if ((now?.role ?? null) !== role || (now?.id ?? null) !== id) {
      role = now?.role ?? null;
      id = now?.id ?? null;
      if (now && /^#\/(signin|signup|forgot|reset-password)/.test(location.hash)) {
        const next = sessionStorage.getItem("after-signin") || home();
        sessionStorage.removeItem("after-signin");
        go(next);
      } else if (!now) {
        go("#/signin");
      } else {
        route();
      }
    } else {
      renderChrome();
    }
  });
  window.addEventListener("hashchange", route);
  route();
}

start();
