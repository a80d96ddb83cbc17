// A real Chromium (the system's /usr/bin/chromium) driven by playwright-core.
import { chromium } from "playwright-core";

export const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

const flags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** launchBrowser starts Chromium headless with the flags this machine needs. */
export function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: flags });
}

/**
 * watchPage records what a page reports that a test must not tolerate:
 * Content-Security-Policy violations (from the DOM event and from the
 * console), uncaught errors and failed requests.
 */
export async function watchPage(page) {
  const problems = { csp: [], errors: [], failed: [] };
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page.on("console", (msg) => {
    const text = msg.text();
    if (/Content[- ]Security[- ]Policy/i.test(text)) problems.csp.push(text);
    else if (msg.type() === "error") problems.errors.push(text);
  });
  page.on("pageerror", (err) => problems.errors.push(String(err)));
  page.on("requestfailed", (req) => {
    // an aborted request is one the page itself closed (EventSource.close, navigation)
    if (req.failure()?.errorText !== "net::ERR_ABORTED") problems.failed.push(`${req.url()}: ${req.failure()?.errorText}`);
  });
  problems.domViolations = () => page.evaluate(() => window.__cspViolations ?? []);
  return problems;
}
