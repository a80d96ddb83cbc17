// Helpers of the portal tests: REST calls for the setup, signing in
// through the UI, clean-page assertions and screenshots.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { watchPage } from "./browser.mjs";

export const artifacts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "artifacts");

/** api calls the server's REST API (JSON in and out); throws on non-2xx. */
export async function api(server, urlPath, { method = "GET", token, body } = {}) {
  const res = await fetch(`${server.url}${urlPath}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: token } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${urlPath}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** superuserToken signs the dashboard account in. */
export async function superuserToken(server, su) {
  const res = await api(server, "/api/collections/_superusers/auth-with-password", { method: "POST", body: { identity: su.email, password: su.password } });
  return res.token;
}

/** makeUser creates a users record and gives it role (via the superuser). */
export async function makeUser(server, rootToken, { email, name, password, role = "user", skills = [] }) {
  const u = await api(server, "/api/collections/users/records", {
    method: "POST", body: { email, password, passwordConfirm: password, name, skills },
  });
  if (role !== "user") await api(server, `/api/collections/users/records/${u.id}`, { method: "PATCH", token: rootToken, body: { role } });
  return u;
}

/** openPage opens a page in a fresh context (its own session) and watches it. */
export async function openPage(browser, { width = 1280, height = 860 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const problems = await watchPage(page);
  return { context, page, problems };
}

/** signIn signs in through the sign-in form and waits for the first screen. */
export async function signIn(page, server, email, password) {
  await page.goto(`${server.url}/#/signin`);
  await page.fill("#signin input[name=email]", email);
  await page.fill("#signin input[name=password]", password);
  await page.click("#signin button[type=submit]");
  await page.waitForSelector("#signout");
}

/** assertClean fails on any console error, page error or CSP violation so far. */
export async function assertClean(page, problems, where) {
  assert.deepEqual(problems.csp, [], `${where}: console CSP reports`);
  assert.deepEqual(await problems.domViolations(), [], `${where}: securitypolicyviolation events`);
  assert.deepEqual(problems.errors, [], `${where}: console errors`);
  assert.deepEqual(problems.failed, [], `${where}: failed requests`);
}

/** assertNoHorizontalScroll fails when the page is wider than the viewport. */
export async function assertNoHorizontalScroll(page, where) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `${where}: the page is ${scroll - width}px wider than the ${width}px viewport`);
}

/** screenshot saves the page under artifacts/<name>-<width>.png. */
export async function screenshot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  const width = page.viewportSize().width;
  await page.screenshot({ path: path.join(artifacts, `${name}-${width}.png`), fullPage: true });
}
