// Benchmark (not a test): how long the admins' "All tickets" page takes to
// show its first page in Chromium with 100,000 tickets in the database.
// Run by hand: `cd e2e && node bench/admin-list.mjs [tickets]` (needs the
// sqlite3 command to seed). Prints the median of 7 cold page loads, from
// navigation start to 25 rows in the table (scripts, the meta and session
// requests and the list request included). Figures: docs/BENCHMARKS.md.
import { execFileSync } from "node:child_process";
import path from "node:path";

import { launchBrowser } from "../lib/browser.mjs";
import { api, makeUser, superuserToken } from "../lib/portal.mjs";
import { startServer } from "../lib/server.mjs";

const count = Number(process.argv[2] ?? 100_000);
const superuser = { email: "root@example.com", password: "bench-password-123" };
const password = "bench-pass-1234";

const server = await startServer({ superuser });
try {
  const root = await superuserToken(server, superuser);
  // the seeding creates 22 accounts from one address, above the signup limit
  await api(server, "/api/settings", { method: "PATCH", token: root, body: { rateLimits: { enabled: false } } });
  const admin = await makeUser(server, root, { email: "admin@example.com", name: "Ada Admin", password, role: "admin" });
  const requester = await makeUser(server, root, { email: "req@example.com", name: "Sam Requester", password });
  const mods = [];
  for (let i = 0; i < 20; i++) mods.push((await makeUser(server, root, { email: `mod${i}@example.com`, name: `Moderator ${i}`, password, role: "moderator" })).id);

  // tickets straight into SQLite: triaged, one every 5 minutes up to now,
  // due 3 days after, a fifth unassigned
  const t0 = Date.now();
  const modList = mods.map((m) => `'${m}'`).join(",");
  const sql = `
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count}),
    mods(k, id) AS (SELECT row_number() OVER () - 1, value FROM json_each('[${modList.replaceAll("'", '"')}]'))
    INSERT INTO tickets (id, title, description, status, priority, summary, helpful_notes, related_skills, resource_links,
      triage, analyzer, created_by, assigned_to, due, created, updated, number)
    SELECT printf('bench%010d', i), 'Ticket ' || i || ': the VPN drops every few minutes', 'Description of ticket ' || i,
      CASE i % 4 WHEN 0 THEN 'todo' WHEN 1 THEN 'assigned' WHEN 2 THEN 'in_progress' ELSE 'done' END,
      CASE i % 4 WHEN 0 THEN 'low' WHEN 1 THEN 'medium' WHEN 2 THEN 'high' ELSE 'critical' END,
      'Summary ' || i, 'Notes', '[]', '[]', 'done', 'builtin', '${requester.id}',
      CASE WHEN i % 5 = 0 THEN '' ELSE (SELECT id FROM mods WHERE k = i % 20) END,
      strftime('%Y-%m-%d %H:%M:%fZ', 'now', printf('%+d minutes', i * 5 - ${count} * 5 + 4320)),
      strftime('%Y-%m-%d %H:%M:%fZ', 'now', printf('-%d minutes', ${count} * 5 - i * 5)),
      strftime('%Y-%m-%d %H:%M:%fZ', 'now', printf('-%d minutes', ${count} * 5 - i * 5)),
      i
    FROM n;
    INSERT INTO helpdesk_sequences (name, value) VALUES ('tickets.number', ${count})
      ON CONFLICT(name) DO UPDATE SET value = ${count};
    ANALYZE;`;
  execFileSync("sqlite3", [path.join(server.dataDir, "data.db")], { input: `PRAGMA busy_timeout = 10000;\n${sql}` });
  console.log(`seeded ${count} tickets in ${Date.now() - t0} ms`);

  if (process.env.BENCH_API) {
    const auth = await (await fetch(`${server.url}/api/collections/users/auth-with-password`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ identity: "admin@example.com", password }) })).json();
    for (const q of ["page=1&perPage=25&sort=-created", "page=1&perPage=25&sort=-created&skipTotal=1", "page=1&perPage=25&skipTotal=1", "page=1&perPage=25"]) {
      const t = Date.now();
      const r = await fetch(`${server.url}/api/collections/tickets/records?${q}`, { headers: { authorization: auth.token } });
      await r.text();
      console.log(q, Date.now() - t, "ms");
    }
  }
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/#/signin`);
  await page.fill("#signin input[name=email]", "admin@example.com");
  await page.fill("#signin input[name=password]", password);
  await page.click("#signin button[type=submit]");
  await page.waitForSelector("#tickets tr");

  const runs = [];
  for (let i = 0; i < 7; i++) {
    await page.goto("about:blank");
    await page.goto(`${server.url}/#/all`);
    await page.waitForFunction(() => document.querySelectorAll("#tickets tr").length >= 25, null, { polling: "raf", timeout: 60_000 });
    runs.push(await page.evaluate(() => performance.now()));
  }
  if (process.env.BENCH_API) {
    const entries = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => `${e.name.replace(location.origin, "")} ${e.startTime.toFixed(0)}+${e.duration.toFixed(0)}`));
    console.log(entries.join("\n"));
  }
  runs.sort((a, b) => a - b);
  console.log(`admin list, first page at ${count} tickets (7 loads): median ${runs[3].toFixed(0)} ms, min ${runs[0].toFixed(0)} ms, max ${runs[6].toFixed(0)} ms`);
  await browser.close();
} finally {
  await server.stop();
}
