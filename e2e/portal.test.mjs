// The portal as people use it, in a real browser against the built binary:
// a user signs up, files a ticket and watches the triage move it to done
// live; the assigned moderator opens it from the mail's link format
// (#/tickets/<id>) and sees the notes the user never sees.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { launchBrowser, watchPage } from "./lib/browser.mjs";
import { startServer } from "./lib/server.mjs";

const superuser = { email: "root@example.com", password: "e2e-password-123" };
const password = "portal-pass-123";

let server;
let browser;

async function api(path, { method = "GET", token, body } = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: token } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

before(async () => {
  server = await startServer({ superuser });
  browser = await launchBrowser();
  // a moderator who knows authentication, so the triage assigns the ticket to them
  const root = await api("/api/collections/_superusers/auth-with-password", {
    method: "POST", body: { identity: superuser.email, password: superuser.password },
  });
  const mod = await api("/api/collections/users/records", {
    method: "POST",
    body: { email: "mod@example.com", password, passwordConfirm: password, name: "Mona Mod", skills: ["authentication"] },
  });
  await api(`/api/collections/users/records/${mod.id}`, { method: "PATCH", token: root.token, body: { role: "moderator" } });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page, email) {
  await page.goto(`${server.url}/`);
  await page.fill("#signin input[name=email]", email);
  await page.fill("#signin input[name=password]", password);
  await page.click("#signin button[type=submit]");
  await page.waitForSelector("#new-ticket");
}

describe("portal", () => {
  let ticketId;

  test("a user signs up, files a ticket and sees the triage finish live", async () => {
    const page = await browser.newPage();
    const problems = await watchPage(page);
    await page.goto(`${server.url}/`);
    await page.fill("#signup input[name=name]", "Uma User");
    await page.fill("#signup input[name=email]", "uma@example.com");
    await page.fill("#signup input[name=password]", password);
    await page.click("#signup button[type=submit]");
    await page.waitForSelector("#new-ticket");
    assert.match(await page.textContent("#who"), /Uma User \(user\)/);

    await page.fill("#new-ticket input[name=title]", "Cannot log in after password reset");
    await page.fill("#new-ticket textarea[name=description]",
      "Since this morning I cannot log in. The password reset link says the token is invalid and I am locked out.");
    await page.click("#new-ticket button[type=submit]");

    // the row appears, then its triage cell reaches done without a reload
    const row = page.locator("#tickets tr", { hasText: "Cannot log in after password reset" });
    await row.waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector("#tickets tr .triage")?.textContent === "done", null, { timeout: 60_000 });
    ticketId = await row.getAttribute("data-id");
    assert.ok(ticketId);

    await page.click(`#tickets a[href="#/tickets/${ticketId}"]`);
    await page.waitForSelector("#ticket h1");
    assert.equal(await page.textContent("#ticket h1"), "Cannot log in after password reset");
    assert.notEqual(await page.textContent("[data-field=priority]"), "–", "triage set a priority");
    const text = await page.textContent("#ticket");
    assert.ok(!text.includes("Notes for the agent"), "a plain user never sees the agent's notes");
    assert.ok(await page.isVisible("#close"), "the creator may close their ticket");

    assert.deepEqual(problems.csp, []);
    assert.deepEqual(await problems.domViolations(), []);
    assert.deepEqual(problems.errors, []);
    await page.close();
  });

  test("the assigned moderator opens the ticket by its link and sees the notes", async () => {
    const page = await browser.newPage();
    const problems = await watchPage(page);
    await signIn(page, "mod@example.com");
    await page.goto(`${server.url}/#/tickets/${ticketId}`);
    await page.waitForSelector("#ticket h1");
    const text = await page.textContent("#ticket");
    assert.ok(text.includes("Notes for the agent"), "staff see the helpful notes");
    assert.ok(text.includes("authentication"), "staff see the related skills");
    assert.ok(await page.isVisible("#ticket select[name=status]"), "the assignee may change the status");
    assert.deepEqual(problems.errors, []);
    await page.close();
  });
});
