// Signs one user in to a running Engage web app through the real /login form
// in Debian's chromium, then checks every page of pages.json that the user's
// roles allow (page-checks.mjs: axe-core WCAG 2.x A/AA, reflow at 1280 px,
// 200% zoom and 320 px, keyboard focus and skip link, screenshots).
//
//   node tests/web/check-pages.mjs --base http://127.0.0.1:PORT --user NAME \
//       --roles staff[,admin…] [--otpauth 'otpauth://totp/…?secret=…'] \
//       [--sign-in-page] [--pages tests/web/pages.json] \
//       [--screenshots build/screenshots/web] [--chromium /usr/bin/chromium]
//
// The password is read from stdin (one line) so it never shows in `ps`.
// --sign-in-page also checks the signed-out pages: /login, its error state
// after a wrong password (one failed attempt counts towards the server's
// limits, so pass it for one user only), and the code step if there is one.
//
// Sign-in and every page load happen once with JavaScript disabled (the app
// has none, and must work without it); axe needs JavaScript, so the checks
// run in a second context that shares the same session cookie.
//
// Prints one line per problem and a summary table; exit status 0 when there
// are none, 1 when there are, 2 on bad arguments or when nothing could run.

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { checkLoadedPage, checkNoFieldMarkedInvalid, defaultChromium, screenshot, screenshotPath } from "./page-checks.mjs";
import { base32Decode, currentStep, totp } from "./totp.mjs";

const here = new URL(".", import.meta.url).pathname;
let opts;
try {
  ({ values: opts } = parseArgs({
    options: {
      base: { type: "string" },
      user: { type: "string" },
      roles: { type: "string" },
      otpauth: { type: "string" },
      "sign-in-page": { type: "boolean", default: false },
      pages: { type: "string", default: `${here}pages.json` },
      screenshots: { type: "string", default: "build/screenshots/web" },
      chromium: { type: "string", default: defaultChromium },
    },
  }));
  if (!opts.base || !opts.user || !opts.roles) throw new Error("--base, --user and --roles are required");
} catch (e) {
  console.error(`check-pages: ${e.message}`);
  process.exit(2);
}
const base = opts.base.replace(/\/$/, "");
const roles = opts.roles.split(",").filter(Boolean);
const password = readFileSync(0, "utf8").split("\n")[0];
const pages = JSON.parse(readFileSync(opts.pages, "utf8"));

const totpSecret = opts.otpauth
  ? base32Decode(new URL(opts.otpauth).searchParams.get("secret") ?? "")
  : null;
// A code is good for its 30 s step; the server takes each code once.
const currentCode = () => totp(totpSecret, currentStep());

const problems = [];
const summary = []; // { page, status, axe } for the table at the end
const shots = opts.screenshots;

async function check(page, pagePath, label) {
  const r = await checkLoadedPage({ page, label, pagePath, screenshotDir: shots });
  problems.push(...r.problems);
  for (const n of r.notes) console.log(`note: ${n}`);
  return r;
}

// Fills and submits the sign-in form on `page`; returns the response.
async function submitSignIn(page, fields) {
  for (const [name, value] of Object.entries(fields)) {
    const input = page.locator(`input[name="${name}"]`);
    if ((await input.count()) > 0) await input.fill(value);
  }
  const [response] = await Promise.all([
    page.waitForNavigation(),
    page.getByRole("button", { name: "Sign in", exact: true }).click(),
  ]);
  return response;
}

// pages.json: [{ "path", "roles": [...], "public": true if anyone may see
// it signed out }]. Public pages are checked signed out (--sign-in-page).
// An invitation for the staff role, made and used in the browser.
async function checkInvitation(adminPage) {
  await adminPage.goto(`${base}/users`);
  await adminPage.locator('input[name="role_staff"]').check();
  const [made] = await Promise.all([
    adminPage.waitForNavigation(),
    adminPage.getByRole("button", { name: "Make invitation link", exact: true }).click(),
  ]);
  summary.push({ page: "/users/invite (link made)", status: made.status(), ...(await check(adminPage, "/invitation-made", label)).axe });
  const link = await adminPage.locator('main a[href*="/invite?token="]').first().getAttribute("href").catch(() => null);
  if (!link) {
    problems.push(`/users/invite: no invitation link on the page (now at ${adminPage.url()})`);
    return;
  }
  const invitee = await browser.newContext();
  try {
    const page = await invitee.newPage();
    const shown = await page.goto(new URL(link, base).href);
    if (shown.status() !== 200) problems.push(`/invite: the new link answered ${shown.status()}`);
    summary.push({ page: "/invite (with its QR code)", status: shown.status(), ...(await check(page, "/invite", signedOutLabel)).axe });
    const newPassword = "a new staff member's long passphrase 9k";
    const fields = { user: "web-invited", password: newPassword, password2: newPassword };
    const secret = await page.locator('input[name="secret"]').getAttribute("value").catch(() => null);
    if (secret) fields.code = totp(base32Decode(secret), currentStep());
    for (const [name, value] of Object.entries(fields)) await page.locator(`input[name="${name}"]`).fill(value);
    const [done] = await Promise.all([
      page.waitForNavigation(),
      page.getByRole("button", { name: "Create account", exact: true }).click(),
    ]);
    if (done.status() !== 200 || (await page.locator('input[name="token"]').count()) > 0) {
      const text = (await page.locator("main").innerText().catch(() => "")).replace(/\s+/g, " ").slice(0, 200);
      problems.push(`/invite: making the account did not work (${done.status()}): ${text}`);
    }
    summary.push({ page: "/invite (account made)", status: done.status(), ...(await check(page, "/invite-done", signedOutLabel)).axe });
    const again = await page.goto(new URL(link, base).href);
    if (again.status() !== 410) problems.push(`/invite: a used link answered ${again.status()}, not 410`);
  } finally {
    await invitee.close();
  }
}

// The Kiosks pages with a kiosk on them: an enrolment code made in the
// browser (the page with its QR code), a kiosk enrolled with it over the
// kiosk API and one heartbeat (so the fleet table has a full row), the
// revoke confirmation page, and the fleet after revoking.
async function checkKiosks(adminPage) {
  await adminPage.goto(`${base}/kiosks`);
  await adminPage.locator('select[name="site"]').selectOption("example-day-centre");
  const [made] = await Promise.all([
    adminPage.waitForNavigation(),
    adminPage.getByRole("button", { name: "Make enrolment code", exact: true }).click(),
  ]);
  summary.push({ page: "/kiosks/enrol (code made, with its QR code)", status: made.status(), ...(await check(adminPage, "/kiosks-enrol-code", label)).axe });
  const code = (await adminPage.locator("main .enrol-code code").innerText().catch(() => "")).trim();
  if (!code) {
    problems.push(`/kiosks/enrol: no code on the page (now at ${adminPage.url()})`);
    return;
  }
  const enrol = await fetch(`${base}/api/v1/enrol`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code }),
  });
  if (enrol.status !== 200) {
    problems.push(`/kiosks/enrol: the code made in the browser did not enrol a kiosk (${enrol.status})`);
    return;
  }
  const kiosk = await enrol.json();
  await fetch(`${base}/api/v1/heartbeat`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${kiosk.token}` },
    body: JSON.stringify({ app_version: "0.9.0", outbox: "1-4", oldest_item_days: 1, content_version: "c-0123456789abcdef", last_sync_error: "content: the server did not answer in time" }),
  });
  const fleet = await adminPage.goto(`${base}/kiosks`);
  summary.push({ page: "/kiosks (one kiosk)", status: fleet.status(), ...(await check(adminPage, "/kiosks-one", label)).axe });
  const confirm = await adminPage.goto(`${base}/kiosks/revoke?kiosk=${kiosk.kiosk}`);
  summary.push({ page: "/kiosks/revoke (confirm)", status: confirm.status(), ...(await check(adminPage, "/kiosks-revoke", label)).axe });
  const [revoked] = await Promise.all([
    adminPage.waitForNavigation(),
    adminPage.getByRole("button", { name: "Revoke this kiosk", exact: true }).click(),
  ]);
  summary.push({ page: "/kiosks (after revoking)", status: revoked.status(), ...(await check(adminPage, "/kiosks-revoked", label)).axe });
  const after = await fetch(`${base}/api/v1/content`, { headers: { Authorization: `Bearer ${kiosk.token}` } });
  if (after.status !== 401) problems.push(`/kiosks/revoke: the revoked kiosk's token answered ${after.status}, not 401`);
}

const allowed = (entry) => !entry.public && entry.roles.some((r) => roles.includes(r));
const forbiddenTo = (entry) => !entry.public && !allowed(entry) && !placeholder(entry);
// A path with "…" in it needs something made first (an invitation token):
// not loaded as it stands; the flows below reach such pages.
const placeholder = (entry) => entry.path.includes("…");
const signedOutLabel = "signed-out";
const label = opts.user;

const browser = await chromium.launch({ executablePath: opts.chromium, headless: true });
try {
  // 1. The signed-out pages, in a context of their own.
  if (opts["sign-in-page"]) {
    const anon = await browser.newContext();
    const page = await anon.newPage();
    const r = await page.goto(`${base}/login`);
    if (r.status() !== 200) problems.push(`/login answered ${r.status()}`);
    summary.push({ page: "/login", status: r.status(), ...(await check(page, "/login", signedOutLabel)).axe });
    const wrong = await submitSignIn(page, { user: opts.user, password: `${password}-wrong`, code: "000000" });
    const stillForm = (await page.locator('input[name="password"], input[name="code"]').count()) > 0;
    if (!stillForm) problems.push(`/login: a wrong password did not show the sign-in form again (now at ${page.url()})`);
    summary.push({ page: "/login (wrong password)", status: wrong.status(), ...(await check(page, "/login-error", signedOutLabel)).axe });
    for (const entry of pages.filter((e) => e.public && e.path !== "/login" && !placeholder(e))) {
      const p = await page.goto(`${base}${entry.path}`);
      if (p.status() !== 200) problems.push(`${entry.path}: answered ${p.status()} when signed out`);
      summary.push({ page: entry.path, status: p.status(), ...(await check(page, entry.path, signedOutLabel)).axe });
    }
    await anon.close();
  }

  // 2. Sign in with JavaScript off, through the real form.
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const signIn = await noJs.newPage();
  await signIn.goto(`${base}/login`);
  const code = totpSecret ? currentCode() : "";
  const codeInFirstForm = (await signIn.locator('input[name="code"]').count()) > 0;
  let response = await submitSignIn(signIn, { user: opts.user, password, code });
  const askedForCode = (await signIn.locator('input[name="code"]').count()) > 0;
  if (!codeInFirstForm && askedForCode && new URL(signIn.url()).pathname !== "/") {
    // A second step that asks only for the code. Check it as it was served
    // (a snapshot: going back to it would need another code).
    if (opts["sign-in-page"]) {
      const html = await signIn.content();
      const snap = await browser.newContext();
      const page = await snap.newPage();
      const snapUrl = `${base}/login?engage-check=code-step`;
      await page.route(snapUrl, (route) =>
        route.fulfill({ status: response.status(), contentType: "text/html; charset=utf-8", body: html }),
      );
      await page.goto(snapUrl);
      summary.push({ page: "/login (code step)", status: response.status(), ...(await check(page, "/login-code", signedOutLabel)).axe });
      await snap.close();
    }
    if (!totpSecret) {
      problems.push(`sign-in asked ${opts.user} for a code, but no --otpauth was given`);
    }
    response = await submitSignIn(signIn, { code });
  }
  const landed = new URL(signIn.url()).pathname;
  if (landed !== "/") {
    const text = (await signIn.locator("main").innerText().catch(() => ""))
      .replace(/\s+/g, " ")
      .slice(0, 200);
    problems.push(`sign-in as ${opts.user} (${roles.join(",")}) ended at ${landed} (${response.status()}), not /: ${text}`);
    throw new Error("sign-in failed; no signed-in page can be checked");
  }

  // 3. Every page this user may see: with JavaScript off (does it load?) and
  // then every check with the same session.
  const withJs = await browser.newContext({ storageState: await noJs.storageState() });
  const page = await withJs.newPage();
  for (const entry of pages.filter((e) => allowed(e) && !placeholder(e))) {
    const url = `${base}${entry.path}`;
    const plain = await signIn.goto(url);
    if (plain.status() !== 200 || new URL(signIn.url()).pathname !== new URL(url).pathname) {
      problems.push(`${entry.path}: with JavaScript off answered ${plain.status()} at ${signIn.url()}`);
    }
    const r = await page.goto(url);
    if (r.status() !== 200) problems.push(`${entry.path}: answered ${r.status()} to ${roles.join(",")}`);
    problems.push(...(await checkNoFieldMarkedInvalid(page, entry.path)));
    summary.push({ page: entry.path, status: r.status(), ...(await check(page, entry.path, label)).axe });
  }
  // A page whose address only another page knows (the latest quarterly
  // report): the entry's "from" page is loaded and its first link in <main>
  // that starts as the entry's path does (up to "…") is checked like the
  // others; with "print": true a screenshot as printed is added.
  for (const entry of pages.filter((e) => allowed(e) && placeholder(e) && e.from)) {
    await page.goto(`${base}${entry.from}`);
    const prefix = entry.path.slice(0, entry.path.indexOf("…"));
    const href = await page.locator(`main a[href^="${prefix}"]`).first().getAttribute("href").catch(() => null);
    if (!href) {
      problems.push(`${entry.path}: no link to it on ${entry.from}`);
      continue;
    }
    const r = await page.goto(new URL(href, base).href);
    if (r.status() !== 200) problems.push(`${href}: answered ${r.status()} to ${roles.join(",")}`);
    summary.push({ page: href, status: r.status(), ...(await check(page, href, label)).axe });
    if (entry.print) {
      await page.emulateMedia({ media: "print" });
      await screenshot(page, screenshotPath(shots, label, href, "print"));
      await page.emulateMedia({ media: null });
    }
  }
  // The page a person meets when their roles do not allow one: the first
  // forbidden entry, which must say so (403), checked like any other.
  const forbidden = pages.find(forbiddenTo);
  if (forbidden) {
    const r = await page.goto(`${base}${forbidden.path}`);
    if (r.status() !== 403) problems.push(`${forbidden.path}: answered ${r.status()} to ${roles.join(",")}, not 403`);
    summary.push({ page: `${forbidden.path} (forbidden)`, status: r.status(), ...(await check(page, "/forbidden", label)).axe });
  }

  // 4. With --sign-in-page, an admin also invites someone from the Users page
  // and the invitee makes their account through the link, signed out: the
  // pages on the way (link made, the invitation with its QR code, account
  // ready) are checked like the others.
  if (opts["sign-in-page"] && roles.includes("admin")) {
    await checkInvitation(page);
  }
  if (roles.includes("admin")) {
    await checkKiosks(page);
  }

  // 5. Sign out with the layout's button; the session ends for both contexts.
  await signIn.goto(`${base}/`);
  await Promise.all([
    signIn.waitForNavigation(),
    signIn.getByRole("button", { name: "Sign out", exact: true }).click(),
  ]);
  await page.goto(`${base}/`);
  if (new URL(page.url()).pathname !== "/login") {
    problems.push(`after "Sign out", / shows ${page.url()} instead of sending to /login`);
  }
} catch (e) {
  if (!problems.length || !/^sign-in failed/.test(e.message)) problems.push(`stopped: ${e.message}`);
} finally {
  await browser.close();
}

console.log(`\n${opts.user} (${roles.join(",")}): page, HTTP status, axe violations (serious or critical)`);
for (const s of summary) {
  console.log(`  ${s.page.padEnd(34)} ${String(s.status).padEnd(4)} ${s.violations} (${s.serious})`);
}
for (const p of problems) console.log(`PROBLEM ${p}`);
console.log(`${opts.user}: ${problems.length} problem(s); screenshots in ${shots}/`);
process.exit(problems.length ? 1 : 0);
