// Search, similar tickets, the moderator's queue, routing (away and
// capacity, assignment reasons, overdue events) and the team's breach and
// response-time charts, in a real Chromium against the built binary; each
// screen also at 1280 and 360 px with a screenshot in e2e/artifacts/.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { launchBrowser } from "./lib/browser.mjs";
import { api, assertClean, assertNoHorizontalScroll, makeUser, openPage, screenshot, signIn, superuserToken } from "./lib/portal.mjs";
import { startServer } from "./lib/server.mjs";

const superuser = { email: "root@example.com", password: "e2e-password-123" };
const password = "portal-pass-123";
const xssTitle = `<script>window.__xss=1</script>Export <b>fails</b>`;
const xssBody = `<img src=x onerror="window.__xss=1"> The export button does nothing on the reports page; finance needs the March report.`;
const xssComment = `<img src=x onerror="window.__xss=1"> the export is still broken & "nothing" happens`;

let server;
let browser;
let root;
const t = {}; // tickets by key
const u = {}; // users by key

const iso = (ms) => new Date(Date.now() + ms).toISOString().replace("T", " ");
const login = (email) => api(server, "/api/collections/users/auth-with-password", { method: "POST", body: { identity: email, password } });
const record = (id) => api(server, `/api/collections/tickets/records/${id}`, { token: root });

async function waitTriaged(id) {
  for (let i = 0; i < 300; i++) {
    const r = await record(id);
    if (r.triage === "done" || r.triage === "failed") return r;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`ticket ${id} was not triaged`);
}

before(async () => {
  server = await startServer({ superuser });
  browser = await launchBrowser();
  root = await superuserToken(server, superuser);
  u.dana = await makeUser(server, root, { email: "dana@example.com", name: "Dana Reyes", password, role: "moderator", skills: ["vpn", "authentication", "reports"] });
  u.lee = await makeUser(server, root, { email: "lee@example.com", name: "Lee Park", password, role: "moderator", skills: ["printing", "hardware"] });
  u.max = await makeUser(server, root, { email: "max@example.com", name: "Max Quinn", password, role: "moderator", skills: ["billing"] });
  u.ada = await makeUser(server, root, { email: "ada@example.com", name: "Ada Admin", password, role: "admin" });
  u.sam = await makeUser(server, root, { email: "sam@example.com", name: "Sam Rivera", password });
  u.kim = await makeUser(server, root, { email: "kim@example.com", name: "Kim Lowe", password });
  const sam = await login("sam@example.com");
  const kim = await login("kim@example.com");
  const file = async (key, who, title, description) => {
    t[key] = await api(server, "/api/collections/tickets/records", { method: "POST", token: who.token, body: { title, description } });
  };
  await file("drops", sam, "VPN disconnects every ten minutes", "Since Monday the VPN drops every ten minutes while I work from home; I lose my ERP session each time.");
  await file("cert", sam, "VPN client rejects the certificate after the update", "The VPN client says the certificate expired since yesterday's update; I cannot connect from home at all.");
  await file("printer", sam, "Printer on floor 3 jams on every page", "The printer near the kitchen jams on every page since this morning. Paper tray looks fine.");
  await file("xss", sam, xssTitle, xssBody);
  await file("hotel", kim, "VPN drops on the hotel wifi", "At the hotel the VPN drops every few minutes and the hotel portal page keeps coming back.");
  for (const k of Object.keys(t)) t[k] = await waitTriaged(t[k].id);
  await api(server, "/api/collections/comments/records", { method: "POST", token: sam.token, body: { ticket: t.xss.id, author: u.sam.id, body: xssComment, source: "web" } });

  // Dana's queue, fixed: critical first, then the high ones by due, one overdue
  const set = async (key, body) => { t[key] = await api(server, `/api/collections/tickets/records/${t[key].id}`, { method: "PATCH", token: root, body }); };
  await set("xss", { assigned_to: u.dana.id, priority: "critical", due: iso(3 * 3600_000) });
  await set("cert", { assigned_to: u.dana.id, priority: "high", due: iso(2 * 3600_000) });
  await set("drops", { assigned_to: u.dana.id, priority: "high", due: iso(-3600_000) });
  await set("hotel", { assigned_to: u.dana.id, priority: "low", due: iso(24 * 3600_000) });
  // a first public reply and a resolution for the response-time charts
  const dana = await login("dana@example.com");
  await api(server, "/api/collections/comments/records", { method: "POST", token: dana.token, body: { ticket: t.cert.id, author: u.dana.id, body: "Could you send a screenshot of the message?", source: "web" } });
  await set("printer", { status: "done" });
  // the SLA check runs when the server starts: the overdue ticket gets its event
  await server.restart();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// watchRequests records the addresses of the page's API requests
function watchRequests(page) {
  const seen = [];
  page.on("request", (r) => { if (r.url().includes("/api/")) seen.push(decodeURIComponent(r.url())); });
  return seen;
}

const rowIds = (page) => page.$$eval("#tickets tr", (rows) => rows.map((r) => r.dataset.id));
const onlyRow = (page, id) => page.waitForFunction((want) => [...document.querySelectorAll("#tickets tr")].map((r) => r.dataset.id).join() === want, id);

describe("work", () => {
  test("an admin's search: best matches with marked snippets; HTML in a ticket and a comment stays text; #number finds a ticket", async () => {
    const { context, page, problems } = await openPage(browser);
    const seen = watchRequests(page);
    try {
      await signIn(page, server, "ada@example.com", password);
      await page.goto(`${server.url}/#/all`);
      await page.waitForSelector("#tickets tr");
      await page.fill("input[name=q]", "vpn");
      await page.waitForFunction(() => document.querySelectorAll("#tickets tr .snippet").length === 3);
      assert.ok(seen.some((s) => s.includes("/api/helpdesk/search?") && s.includes("q=vpn")), "the list asked the search route");
      assert.deepEqual(new Set(await rowIds(page)), new Set([t.drops.id, t.cert.id, t.hotel.id]));
      const marks = await page.$$eval("#tickets .snippet mark", (ms) => ms.map((m) => m.textContent.toLowerCase()));
      assert.ok(marks.length >= 3 && marks.every((m) => m === "vpn"), `the matches are marked: ${marks}`);
      assert.match(await page.textContent(".page-head .count"), /3 found/);

      // a comment's text is searched too; its escaped HTML reads as text
      await page.fill("input[name=q]", "nothing happens");
      await onlyRow(page, t.xss.id);
      const snip = await page.textContent(`#tickets tr[data-id="${t.xss.id}"] .snippet`);
      assert.match(snip, /the export is still broken & "nothing" happens/, snip);
      assert.match(await page.textContent(`#tickets tr[data-id="${t.xss.id}"] .row-link`), /^<script>window\.__xss=1<\/script>Export <b>fails<\/b>$/);
      await page.fill("input[name=q]", "export onerror");
      await onlyRow(page, t.xss.id);
      await page.waitForFunction((id) => /onerror/.test(document.querySelector(`#tickets tr[data-id="${id}"] .snippet`)?.textContent ?? ""), t.xss.id);
      assert.match(await page.textContent(`#tickets tr[data-id="${t.xss.id}"] .snippet`), /<img src=x onerror="window\.__xss=1">/);
      assert.equal(await page.locator("#tickets img, #tickets script, #tickets b").count(), 0, "no element was made from the text");

      // #number is the list's own filter, not a text search
      await page.fill("input[name=q]", `#${t.printer.number}`);
      await onlyRow(page, t.printer.id);
      assert.equal(await page.locator("#tickets .snippet").count(), 0);
      assert.equal(await page.evaluate(() => window.__xss), undefined, "nothing ran");
      await assertClean(page, problems, "all tickets search");
    } finally {
      await context.close();
    }
  });

  test("a requester's search finds only their own tickets", async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      await signIn(page, server, "sam@example.com", password);
      await page.goto(`${server.url}/#/my`);
      await page.waitForSelector("#tickets tr");
      await page.fill("input[name=q]", "vpn");
      await page.waitForFunction(() => document.querySelectorAll("#tickets tr .snippet").length > 0);
      assert.deepEqual(new Set(await rowIds(page)), new Set([t.drops.id, t.cert.id]), "Kim's VPN ticket is not found");
      await page.fill("input[name=q]", "hotel");
      await page.waitForSelector(".list-state .empty-title");
      assert.match(await page.textContent(".list-state"), /Nothing matches “hotel”/);
      await page.fill("input[name=q]", "");
      await page.waitForFunction(() => document.querySelectorAll("#tickets tr").length === 4);
      await assertClean(page, problems, "my tickets search");
    } finally {
      await context.close();
    }
  });

  test("the staff ticket page lists similar tickets with links", async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      await signIn(page, server, "ada@example.com", password);
      await page.goto(`${server.url}/#/tickets/${t.drops.id}`);
      await page.waitForSelector("#similar li[data-id]");
      const listed = await page.$$eval("#similar li[data-id]", (li) => li.map((l) => l.dataset.id));
      assert.ok(listed.includes(t.hotel.id) || listed.includes(t.cert.id), `another VPN ticket is similar: ${listed}`);
      assert.ok(!listed.includes(t.drops.id), "not the ticket itself");
      assert.ok(listed.length <= 5);
      const first = listed[0];
      await page.click(`#similar li[data-id="${first}"] a`);
      await page.waitForSelector(`#ticket[data-id="${first}"]`);
      await assertClean(page, problems, "similar");
    } finally {
      await context.close();
    }
  });

  test("the moderator's queue is sorted by the server (-severity,due), overdue marked, and searchable", async () => {
    const { context, page, problems } = await openPage(browser);
    const seen = watchRequests(page);
    try {
      await signIn(page, server, "dana@example.com", password);
      await page.goto(`${server.url}/#/assigned`);
      await page.waitForSelector("#tickets tr");
      assert.ok(seen.some((s) => s.includes("/api/collections/tickets/records?") && s.includes("sort=-severity,due")), "sorted by the server");
      assert.deepEqual(await rowIds(page), [t.xss.id, t.drops.id, t.cert.id, t.hotel.id]);
      assert.equal(await page.getAttribute(`#tickets tr[data-id="${t.drops.id}"]`, "class"), "is-overdue");
      assert.match(await page.textContent(`#tickets tr[data-id="${t.drops.id}"]`), /⚠ overdue/);
      assert.equal(await page.locator("#tickets tr.is-overdue").count(), 1);

      await page.fill("input[name=q]", "certificate");
      await onlyRow(page, t.cert.id);
      assert.ok(seen.some((s) => s.includes("/api/helpdesk/search?") && s.includes(`assigned_to=${u.dana.id}`)));
      await assertClean(page, problems, "queue");
    } finally {
      await context.close();
    }
  });

  test("history shows the routing's reason and the overdue event to staff only", async () => {
    const filter = encodeURIComponent(`ticket = "${t.drops.id}" && kind = "assigned" && reason != ""`);
    const events = await api(server, `/api/collections/ticket_events/records?filter=${filter}&sort=created`, { token: root });
    const reason = events.items[0]?.reason;
    assert.ok(reason, "the ticket has an assignment with a reason");
    for (const who of ["ada@example.com", "sam@example.com"]) {
      const { context, page, problems } = await openPage(browser);
      try {
        await signIn(page, server, who, password);
        await page.goto(`${server.url}/#/tickets/${t.drops.id}`);
        await page.waitForSelector("#conversation");
        if (who === "ada@example.com") {
          await page.waitForSelector("#history .kind-overdue");
          assert.ok((await page.textContent("#history")).includes(reason), `the reason "${reason}" shows`);
          assert.match(await page.textContent("#history .kind-overdue"), /passed its due time \(.+\) while Dana Reyes had it/);
        } else {
          assert.equal(await page.locator("#history").count(), 0);
          assert.ok(!(await page.textContent("#ticket")).includes(reason), "no reason for the requester");
        }
        await assertClean(page, problems, `history as ${who}`);
      } finally {
        await context.close();
      }
    }
  });

  test("the team page charts breaches per assignee and response times", async () => {
    const { context, page, problems } = await openPage(browser);
    try {
      await signIn(page, server, "ada@example.com", password);
      await page.goto(`${server.url}/#/team`);
      await page.waitForSelector(".chart");
      const chart = (title) => page.locator(".chart", { has: page.locator("figcaption", { hasText: title }) });
      assert.match(await chart("Breaches per assignee").locator("svg").getAttribute("aria-label"), /Dana Reyes 1\b/);
      assert.match(await page.textContent(".kpis"), /1\s*Breaches/);
      assert.match(await chart("First response (median)").locator("svg").getAttribute("aria-label"), /Everyone \d+ (s|min).*Dana Reyes/);
      assert.equal(await chart("Resolution (median)").locator("svg, .chart-empty").count(), 1);
      await assertClean(page, problems, "team");
    } finally {
      await context.close();
    }
  });

  test("away and capacity: an admin sets them on the users screen, the person on their profile", async () => {
    const first = await openPage(browser);
    try {
      const { page } = first;
      await signIn(page, server, "ada@example.com", password);
      await page.goto(`${server.url}/#/users`);
      const row = page.locator(`#users .person[data-id="${u.max.id}"]`);
      await row.waitFor();
      await row.locator("input[name=away]").check();
      await row.locator("input[name=max_open]").fill("2");
      await row.locator("button[type=submit]").click();
      await page.waitForSelector(".toast >> text=Max Quinn saved.");
      const max = await api(server, `/api/collections/users/records/${u.max.id}`, { token: root });
      assert.equal(max.away, true);
      assert.equal(max.max_open, 2);
      await assertClean(page, first.problems, "users");
    } finally {
      await first.context.close();
    }
    const second = await openPage(browser);
    try {
      const { page } = second;
      await signIn(page, server, "max@example.com", password);
      await page.goto(`${server.url}/#/profile`);
      await page.waitForSelector("#profile input[name=away]");
      assert.equal(await page.isChecked("#profile input[name=away]"), true);
      assert.equal(await page.inputValue("#profile input[name=max_open]"), "2");
      await page.uncheck("#profile input[name=away]");
      await page.fill("#profile input[name=max_open]", "4");
      await page.click("#profile button[type=submit]");
      await page.waitForSelector(".toast >> text=Profile saved.");
      const max = await api(server, `/api/collections/users/records/${u.max.id}`, { token: root });
      assert.equal(max.away, false);
      assert.equal(max.max_open, 4);
      await assertClean(page, second.problems, "profile");
    } finally {
      await second.context.close();
    }
  });

  for (const width of [1280, 360]) {
    test(`the new screens at ${width} px`, async () => {
      const shots = {
        "ada@example.com": [["search-all", "#/all", "vpn"], ["ticket-similar", () => `#/tickets/${t.drops.id}`, "#similar li[data-id]"], ["team-breaches", "#/team", ".chart svg"], ["users-routing", "#/users", "#users input[name=away]"]],
        "sam@example.com": [["search-my", "#/my", "vpn"]],
        "dana@example.com": [["queue", "#/assigned", "#tickets tr.is-overdue"], ["history-reason", () => `#/tickets/${t.drops.id}`, "#history .kind-overdue"], ["profile-away", "#/profile", "#profile input[name=away]"]],
      };
      for (const [who, list] of Object.entries(shots)) {
        const { context, page, problems } = await openPage(browser, { width, height: width > 400 ? 860 : 780 });
        try {
          await signIn(page, server, who, password);
          for (const [name, hash, ready] of list) {
            await page.goto(`${server.url}/${typeof hash === "function" ? hash() : hash}`);
            if (/^[#.]/.test(ready)) {
              await page.waitForSelector(ready);
            } else {
              await page.waitForSelector("#tickets tr");
              await page.fill("input[name=q]", ready);
              await page.waitForSelector("#tickets tr .snippet mark");
            }
            await page.evaluate(() => document.fonts.ready);
            await assertNoHorizontalScroll(page, `${name} at ${width}`);
            await screenshot(page, name);
          }
          await assertClean(page, problems, `${who} at ${width}`);
        } finally {
          await context.close();
        }
      }
    });
  }
});
