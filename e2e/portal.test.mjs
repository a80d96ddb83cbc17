// The portal's daily work, in real browsers against the built binary: a
// requester files a ticket with an attachment and sees it assigned live;
// the moderator reads the notes, writes an internal note and a public
// reply; the requester sees the reply live but never the note, and
// replies; the moderator sees that live and closes the ticket; an admin
// promotes the requester, who sees the staff screens after a reload
// without signing out. Every page: no console error, no CSP violation.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { launchBrowser } from "./lib/browser.mjs";
import { api, assertClean, makeUser, openPage, signIn, superuserToken } from "./lib/portal.mjs";
import { startServer } from "./lib/server.mjs";

const superuser = { email: "root@example.com", password: "e2e-password-123" };
const password = "portal-pass-123";
const internalWords = /triage|analy[sz]er|builtin|gemini/i;

let server;
let browser;
const pages = {};

before(async () => {
  server = await startServer({ superuser });
  browser = await launchBrowser();
  const root = await superuserToken(server, superuser);
  await makeUser(server, root, { email: "mod@example.com", name: "Mona Mod", password, role: "moderator", skills: ["authentication"] });
  await makeUser(server, root, { email: "admin@example.com", name: "Ada Admin", password, role: "admin" });
});

after(async () => {
  for (const p of Object.values(pages)) await p.context.close().catch(() => {});
  await browser?.close();
  await server?.stop();
});

describe("portal", () => {
  let ticketId;
  const title = "Cannot log in after password reset";

  test("a requester signs up, files a ticket with an attachment and sees it assigned live", async () => {
    const r = (pages.requester = await openPage(browser));
    const { page } = r;
    await page.goto(`${server.url}/`);
    await page.click("a[href='#/signup']");
    // a field error from the server lands next to its field
    await page.fill("#signup input[name=name]", "Uma User");
    await page.fill("#signup input[name=email]", "uma@example.com");
    await page.fill("#signup input[name=password]", "short");
    await page.click("#signup button[type=submit]");
    await page.waitForSelector("#signup .field[data-field=password] .field-error:not(:empty)");
    await page.fill("#signup input[name=password]", password);
    await page.click("#signup button[type=submit]");
    await page.waitForSelector("h1:text('My tickets')");
    assert.match(await page.textContent("#who"), /Uma User/);
    assert.ok(await page.isVisible(".empty a[href='#/new']"), "an empty list says what to do");

    await page.click(".empty a[href='#/new']");
    // an empty form is refused with field errors, nothing is sent
    await page.click("#new-ticket button[type=submit]");
    assert.match(await page.textContent("#new-ticket .field[data-field=title] .field-error"), /at least 3/);
    await page.fill("#new-ticket input[name=title]", title);
    await page.fill("#new-ticket textarea[name=description]",
      "Since this morning I cannot log in. The password reset link says the token is invalid and I am locked out of my account.");
    await page.setInputFiles("#new-ticket input[type=file]", { name: "error.txt", mimeType: "text/plain", buffer: Buffer.from("token invalid at 09:12") });
    await page.click("#new-ticket button[type=submit]");

    await page.waitForSelector("#ticket h1");
    ticketId = await page.getAttribute("#ticket", "data-id");
    assert.match(await page.textContent("#ticket h1"), /Cannot log in after password reset/);
    assert.match(await page.textContent("#ticket .attachments"), /error\.txt/);
    // the progress reaches the moderator's name without a reload
    await page.waitForFunction(() => /Assigned to Mona Mod|Mona Mod is working/.test(document.querySelector("#progress")?.textContent ?? ""), null, { timeout: 60_000 });
    const text = await page.textContent("#view");
    assert.doesNotMatch(text, internalWords, "no internal words for the requester");
    assert.ok(!(await page.$("#helpful-notes")), "a requester never sees the notes");

    // the attachment downloads with its file token
    const href = await page.getAttribute("#ticket .attachments a", "href");
    const file = await page.evaluate(async (u) => (await fetch(u)).text(), href);
    assert.equal(file, "token invalid at 09:12");

    // the list shows number, status, priority, assignee and age
    await page.click("a[href='#/my']");
    const row = page.locator(`#tickets tr[data-id="${ticketId}"]`);
    await row.waitFor();
    assert.match(await row.textContent(), /#1.*Cannot log in.*Assigned.*Mona Mod/s);
    await assertClean(page, r.problems, "requester");
  });

  test("the moderator reads the notes, writes an internal note and a public reply", async () => {
    const m = (pages.mod = await openPage(browser));
    const { page } = m;
    await signIn(page, server, "mod@example.com", password);
    await page.waitForSelector("h1:text('Assigned to me')");
    await page.click(`#tickets tr[data-id="${ticketId}"] a`);
    await page.waitForSelector("#helpful-notes");
    const notes = await page.textContent("#helpful-notes");
    assert.ok(notes.trim().length > 20, "the notes are rendered");
    assert.match(await page.textContent(".ticket-aside"), /uma@example\.com/, "staff see the requester's address");
    assert.match(await page.textContent(".ticket-aside"), /authentication/, "and the skills");
    await page.waitForSelector("#history .kind-assigned");

    // the requester opens their ticket and keeps it open
    const r = pages.requester.page;
    await r.goto(`${server.url}/#/tickets/${ticketId}`);
    await r.waitForSelector("#conversation");

    await page.check("#reply input[name=internal]");
    await page.fill("#reply textarea[name=body]", "INTERNAL: check the **reset token** table first.");
    await page.click("#reply button[type=submit]");
    await page.waitForSelector("#conversation .comment.internal");
    assert.match(await page.textContent("#conversation .comment.internal"), /Internal note/);

    await page.fill("#reply textarea[name=body]", "Hi Uma, I reset your token. Try the **new link** in your mail.");
    await page.click("#reply button[type=submit]");
    await page.waitForSelector("#conversation .comment.from-staff:not(.internal)");
    await assertClean(page, m.problems, "moderator");
  });

  test("the requester sees the reply live, never the note, and replies; the moderator sees it live", async () => {
    const r = pages.requester;
    await r.page.waitForSelector("#conversation .comment.from-staff", { timeout: 20_000 });
    const conv = await r.page.textContent("#conversation");
    assert.match(conv, /I reset your token/);
    assert.match(await r.page.innerHTML("#conversation .comment.from-staff .comment-body"), /<strong>new link<\/strong>/, "Markdown is rendered");
    assert.doesNotMatch(conv, /INTERNAL/, "the internal note never reaches the requester");

    await r.page.fill("#reply textarea[name=body]", "Thanks, the new link works!");
    await r.page.click("#reply button[type=submit]");
    await r.page.waitForSelector("#conversation .comment.mine");

    const m = pages.mod.page;
    await m.waitForFunction(() => /the new link works/.test(document.querySelector("#conversation")?.textContent ?? ""), null, { timeout: 20_000 });
    await assertClean(r.page, r.problems, "requester");
  });

  test("the moderator closes the ticket, sending only the status", async () => {
    const m = pages.mod;
    const sent = [];
    m.page.on("request", (req) => {
      if (req.method() === "PATCH" && req.url().includes(`/tickets/records/${ticketId}`)) sent.push(req.postDataJSON());
    });
    await m.page.selectOption("#work select[name=status]", "done");
    await m.page.click("#work button[type=submit]");
    await m.page.waitForSelector("#history .kind-status");
    assert.deepEqual(sent, [{ status: "done" }], "only the changed field is sent");
    // the requester sees it resolved, live, and may reopen by replying
    const r = pages.requester.page;
    await r.waitForFunction(() => /Resolved/.test(document.querySelector("#progress")?.textContent ?? ""), null, { timeout: 20_000 });
    assert.ok(await r.isVisible("#reply"), "a done ticket keeps its reply box");
    await assertClean(m.page, m.problems, "moderator");
  });

  test("an admin promotes the requester, who sees the staff screens after a reload", async () => {
    const a = (pages.admin = await openPage(browser));
    await signIn(a.page, server, "admin@example.com", password);
    await a.page.waitForSelector("h1:text('All tickets')");
    await a.page.waitForSelector(`#tickets tr[data-id="${ticketId}"]`);
    await a.page.click("a[href='#/users']");
    await a.page.fill("#view input[name=q]", "Uma");
    const row = a.page.locator("#users li.person", { hasText: "Uma User" });
    await row.waitFor();
    await a.page.waitForFunction(() => document.querySelectorAll("#users li.person").length === 1);
    await row.locator("select[name=role]").selectOption("moderator");
    await row.locator("button[type=submit]").click();
    await row.locator(".badge.role-moderator").waitFor();
    await assertClean(a.page, a.problems, "admin");

    const r = pages.requester;
    await r.page.reload();
    await r.page.waitForSelector("#nav a[href='#/assigned']");
    assert.match(await r.page.textContent("#who"), /Moderator/);
    await r.page.click("#nav a[href='#/assigned']");
    await r.page.waitForSelector("h1:text('Assigned to me')");
    await assertClean(r.page, r.problems, "promoted requester");
  });
});
