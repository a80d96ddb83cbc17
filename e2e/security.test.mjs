// Safe by default, seen from a real browser: the security headers are on
// the portal and the dashboard, the portal works under its
// Content-Security-Policy without a single violation, inline script is
// refused, and PocketBase's dashboard still loads and signs in.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { launchBrowser, watchPage } from "./lib/browser.mjs";
import { startServer } from "./lib/server.mjs";

const superuser = { email: "root@example.com", password: "e2e-password-123" };

let server;
let browser;

before(async () => {
  server = await startServer({ superuser });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

function assertCommonHeaders(headers) {
  assert.equal(headers["x-content-type-options"], "nosniff");
  assert.equal(headers["x-frame-options"], "SAMEORIGIN");
  assert.equal(headers["referrer-policy"], "strict-origin-when-cross-origin");
  assert.equal(headers["cross-origin-opener-policy"], "same-origin");
  assert.ok(headers["content-security-policy"], "a Content-Security-Policy is sent");
  assert.equal(headers["strict-transport-security"], undefined, "no HSTS over plain http");
}

function directives(csp) {
  return Object.fromEntries(
    csp.split(";").map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name, ...values] = d.split(/\s+/);
      return [name, values];
    }),
  );
}

describe("portal", () => {
  test("loads with the headers on and no CSP violation, API and realtime allowed", async () => {
    const page = await browser.newPage();
    const problems = await watchPage(page);
    try {
      const res = await page.goto(`${server.url}/`, { waitUntil: "load" });
      assert.equal(res.status(), 200);
      const headers = res.headers();
      assertCommonHeaders(headers);
      const csp = directives(headers["content-security-policy"]);
      assert.deepEqual(csp["script-src"], ["'self'"], "scripts from the appliance only, none inline");
      assert.deepEqual(csp["connect-src"], ["'self'"]);

      // the portal's module script ran and rendered its first view
      await page.waitForSelector("#view form", { timeout: 30_000 });

      // the API and the realtime stream are reachable under connect-src
      const reached = await page.evaluate(async () => {
        const health = await fetch("/api/health").then((r) => r.status);
        const connect = await new Promise((resolve, reject) => {
          const es = new EventSource("/api/realtime");
          const timer = setTimeout(() => reject(new Error("no PB_CONNECT")), 20_000);
          es.addEventListener("PB_CONNECT", (e) => {
            clearTimeout(timer);
            es.close();
            resolve(JSON.parse(e.data).clientId);
          });
        });
        return { health, connect };
      });
      assert.equal(reached.health, 200);
      assert.ok(reached.connect, "realtime connected");

      assert.deepEqual(problems.csp, [], "console reports no CSP violation");
      assert.deepEqual(await problems.domViolations(), [], "no securitypolicyviolation event");
      assert.deepEqual(problems.errors, [], "no script error");
      assert.deepEqual(problems.failed, [], "no failed request");
    } finally {
      await page.close();
    }
  });

  test("refuses inline script", async () => {
    const page = await browser.newPage();
    const problems = await watchPage(page);
    try {
      await page.goto(`${server.url}/`, { waitUntil: "load" });
      const ran = await page.evaluate(async () => {
        window.__inlineRan = false;
        const s = document.createElement("script");
        s.textContent = "window.__inlineRan = true";
        document.head.append(s);
        const b = document.createElement("button");
        b.setAttribute("onclick", "window.__inlineRan = true");
        document.body.append(b);
        b.click();
        await new Promise((r) => setTimeout(r, 0));
        return window.__inlineRan;
      });
      assert.equal(ran, false, "the inline script and handler did not run");
      const seen = await problems.domViolations();
      assert.ok(seen.some((v) => v.startsWith("script-src")), `a script-src violation is reported: ${seen}`);
    } finally {
      await page.close();
    }
  });
});

describe("dashboard", () => {
  test("loads with the headers on, renders its login form and signs in", async () => {
    const page = await browser.newPage();
    const problems = await watchPage(page);
    try {
      const res = await page.goto(`${server.url}/_/`, { waitUntil: "load" });
      assert.equal(res.status(), 200);
      assertCommonHeaders(res.headers());

      const email = page.locator('input[type="email"]');
      await email.waitFor({ timeout: 30_000 });
      await email.fill(superuser.email);
      await page.locator('input[type="password"]').fill(superuser.password);
      await page.getByRole("button", { name: "Login" }).click();
      // signed in: the collections list shows the helpdesk's own
      await page.getByText("tickets", { exact: true }).first().waitFor({ timeout: 30_000 });

      assert.deepEqual(problems.csp, [], "console reports no CSP violation");
      assert.deepEqual(await problems.domViolations(), [], "no securitypolicyviolation event");
      assert.deepEqual(problems.errors, [], "no script error");
    } finally {
      await page.close();
    }
  });
});
