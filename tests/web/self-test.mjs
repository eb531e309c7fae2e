// Proves the browser checks themselves work, without the Engage server:
// Debian's chromium starts under playwright-core, a tidy page passes every
// check, and a page with one deliberate fault per check fails each of them.
// A check that cannot fail would let broken pages through unnoticed.
//
//   node tests/web/self-test.mjs [--chromium /usr/bin/chromium] [--screenshots DIR]
//
// Exit status 0 when every expectation holds, 1 otherwise.

import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import {
  checkKeyboard,
  checkLoadedPage,
  checkNoFieldMarkedInvalid,
  checkReflow,
  defaultChromium,
  scanWithAxe,
} from "./page-checks.mjs";
import { base32Decode, totp } from "./totp.mjs";

const { values: opts } = parseArgs({
  options: {
    chromium: { type: "string", default: defaultChromium },
    screenshots: { type: "string", default: "build/screenshots/web-self-test" },
  },
});

// A data table wider than 320 px scrolling in its own box (allowed), with
// screen-reader-only text in its cells. Without "position: relative" on the
// box, that absolutely placed text escapes the box's clipping and makes the
// whole page scroll sideways.
const wideTable = `<div class="table-wrap"><table><caption>Users</caption>
<tr><th>User</th><th>Roles</th><th>Second factor</th><th>Status</th><th>Actions</th></tr>
<tr><td>someone</td><td>admin,staff</td><td>Yes</td><td>Active</td>
<td><button>Disable <span class="visually-hidden">someone</span></button></td></tr></table></div>`;

// Like our layout: skip link first, landmarks, labelled inputs, a visible
// focus ring, dark text on white. Served with the same CSP as the real pages.
const tidyPage = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tidy page</title><style>
body { font: 1.25rem/1.5 sans-serif; color: #111; background: #fff; margin: 0 1rem; }
.skip { position: absolute; left: -10000px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; }
:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
input, button { font: inherit; min-height: 44px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.table-wrap { overflow-x: auto; position: relative; }
td, th { padding: 0 2rem; white-space: nowrap; }
</style></head><body>
<a class="skip" href="#main">Skip to main content</a>
<header><nav aria-label="Main"><a href="/tidy">Home</a></nav></header>
<main id="main"><h1>Sign in</h1>
<form method="post" action="/tidy"><p><label for="user">User name</label>
<input id="user" name="user" autocomplete="username"></p>
<p><button type="submit">Sign in</button></p></form>
${wideTable}</main></body></html>`;

// One fault per check: an image with no text alternative (axe: critical),
// grey on grey (axe: serious), a long unbreakable line (reflow at 320 px),
// no skip link and focus outlines removed (keyboard).
const faultyPage = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Faulty page</title><style>
body { font: 1rem sans-serif; color: #000; background: #fff; }
.faint { color: #aaa; background: #bbb; }
.wide { white-space: nowrap; }
a:focus, button:focus { outline: none; }
</style></head><body><main>
<h1>Faulty</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p class="faint">This text is too faint to read.</p>
<p class="wide">This_line_of_text_will_not_wrap_at_three_hundred_and_twenty_pixels_wide</p>
<a href="/tidy">A link</a> <button>A button</button>
<p><label for="name">Name</label> <input id="name" name="name" aria-invalid="true"></p>
</main></body></html>`;

const escapingPage = tidyPage.replace("position: relative;", "");
// Fine in light mode, grey on grey in dark mode.
const darkPage = tidyPage.replace(
  "</style>",
  "@media (prefers-color-scheme: dark) { body { color: #555; background: #333; } }</style>",
);

const server = createServer((req, res) => {
  const body = req.url.startsWith("/faulty")
    ? faultyPage
    : req.url.startsWith("/escaping")
      ? escapingPage
      : req.url.startsWith("/dark")
        ? darkPage
        : tidyPage;
  res.writeHead(200, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Security-Policy":
      "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  });
  res.end(body);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const failures = [];
function expect(claim, ok, detail) {
  console.log(`${ok ? "ok  " : "FAIL"} ${claim}`);
  if (!ok) {
    failures.push(claim);
    if (detail) console.log(`     ${detail}`);
  }
}

// RFC 6238 appendix B's SHA-1 vectors (its 8-digit codes, last 6 digits).
const rfcSecret = Buffer.from("12345678901234567890");
const vectors = [[59, "287082"], [1111111109, "081804"], [1234567890, "005924"], [20000000000, "353130"]];
expect(
  "TOTP codes match RFC 6238's SHA-1 test vectors",
  vectors.every(([t, code]) => totp(rfcSecret, Math.floor(t / 30)) === code),
  vectors.map(([t]) => totp(rfcSecret, Math.floor(t / 30))).join(" "),
);
expect(
  "base32 secrets decode as RFC 4648 says",
  base32Decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").equals(rfcSecret) &&
    base32Decode("JBSWY3DPEHPK3PXP").toString("hex") === "48656c6c6f21deadbeef",
);

const browser = await chromium.launch({ executablePath: opts.chromium, headless: true });
try {
  console.log(`chromium ${browser.version()} via playwright-core`);
  const context = await browser.newContext();
  const page = await context.newPage();

  await page.goto(`${base}/tidy`);
  const tidy = await checkLoadedPage({
    page,
    label: "self-test",
    pagePath: "/tidy",
    screenshotDir: opts.screenshots,
  });
  expect("a tidy page passes every check", tidy.problems.length === 0, tidy.problems.join("\n     "));
  expect(
    "a data table scrolling in its own box is a note, not a problem",
    tidy.notes.some((n) => /\/tidy \[320\]: reflow: a table scrolls sideways/.test(n)),
    tidy.notes.join("\n     "),
  );

  await page.goto(`${base}/dark`);
  const dark = await checkLoadedPage({ page, label: "self-test", pagePath: "/dark", screenshotDir: opts.screenshots });
  expect(
    "axe checks contrast in dark mode too",
    dark.problems.some((p) => /\/dark \[1280, dark\]: axe color-contrast \(serious\)/.test(p)) &&
      !dark.problems.some((p) => /\/dark \[1280\]: axe/.test(p)),
    dark.problems.join("\n     "),
  );

  await page.goto(`${base}/escaping`);
  await page.setViewportSize({ width: 320, height: 640 });
  const escaping = (await checkReflow(page, "/escaping [320]")).problems;
  expect(
    "reflow reports hidden text escaping a table's scroll box",
    escaping.some((p) => /the page scrolls sideways/.test(p)),
    escaping.join("\n     "),
  );

  await page.goto(`${base}/faulty`);
  const axe = await scanWithAxe(page, "/faulty");
  const axeText = axe.problems.join("\n");
  expect("axe reports an image without alt text", /axe image-alt \(critical\)/.test(axeText), axeText);
  expect("axe reports text with too little contrast", /axe color-contrast \(serious\)/.test(axeText), axeText);
  expect("axe problems carry the rule's help URL", /https:\/\/dequeuniversity\.com\//.test(axeText), axeText);

  await page.setViewportSize({ width: 320, height: 640 });
  const reflow = (await checkReflow(page, "/faulty [320]")).problems;
  expect("reflow reports the page scrolling sideways at 320 px", reflow.some((p) => /scrolls sideways/.test(p)), reflow.join("\n     "));
  expect("reflow names the text that runs off the edge", reflow.some((p) => /This_line_of_text/.test(p)), reflow.join("\n     "));
  await page.setViewportSize({ width: 1280, height: 800 });
  const wideOk = (await checkReflow(page, "/faulty [1280]")).problems;
  expect("the same page reflows at 1280 px (the check is about width)", wideOk.length === 0, wideOk.join("\n     "));

  const invalid = await checkNoFieldMarkedInvalid(page, "/faulty");
  expect("a field marked invalid on a fresh page is reported", invalid.some((p) => /marked invalid.*name/.test(p)), invalid.join("\n     "));
  const tidyInvalid = await page.goto(`${base}/tidy`).then(() => checkNoFieldMarkedInvalid(page, "/tidy"));
  expect("a fresh form with no field marked invalid passes", tidyInvalid.length === 0, tidyInvalid.join("\n     "));
  await page.goto(`${base}/faulty`);

  const keys = await checkKeyboard(page, "/faulty");
  expect("keyboard reports a missing skip link", keys.some((p) => /not a skip link/.test(p)), keys.join("\n     "));
  expect("keyboard reports focus with no visible indicator", keys.some((p) => /no visible focus indicator/.test(p)), keys.join("\n     "));

  // With JavaScript off a form still posts: the real check signs in this way.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const noJsPage = await noJs.newPage();
  await noJsPage.goto(`${base}/tidy`);
  await noJsPage.fill('input[name="user"]', "someone");
  const [response] = await Promise.all([
    noJsPage.waitForNavigation(),
    noJsPage.getByRole("button", { name: "Sign in" }).click(),
  ]);
  expect("a form posts with JavaScript disabled", response !== null && response.request().method() === "POST");
} finally {
  await browser.close();
  server.close();
}

if (failures.length > 0) {
  console.log(`self-test: ${failures.length} expectation(s) failed`);
  process.exit(1);
}
console.log("self-test: every check passes a tidy page and catches its fault");
