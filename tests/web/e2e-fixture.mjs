// The one fixture of the browser end-to-end scripts (publish-to-kiosk.mjs,
// decision-to-kiosk.mjs, signup-to-coordinator.mjs): their common options,
// the secrets read from stdin, Debian's chromium started and closed, signing
// in through the real /login form with password and TOTP, clicking a button
// and waiting for the page it leads to, numbered screenshots, the page checks
// of page-checks.mjs counted per page, and one way to report and exit. Waits
// only on navigations, never on time.
//
// A script is its steps and nothing else:
//   const { opts, secrets } = e2eOptions("my-test", { form: { type: "string" } }, ["form"]);
//   await runSignedIn({ opts, secrets, shotPrefix: "my-e2e" }, async ({ page, base, shot, fail }) => {…});

import { mkdirSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { checkLoadedPage, defaultChromium } from "./page-checks.mjs";
import { base32Decode, currentStep, totp } from "./totp.mjs";

// The options every script takes: the server, who signs in (the secret of
// their `otpauth://` line; --clock is the server's test clock, for the TOTP
// code), where screenshots go and which chromium runs. `extra` adds the
// script's own (parseArgs form); `required` names those it cannot do
// without. Returns { opts, secrets }: secrets are stdin's lines (the password
// first, so it never shows in `ps`). A bad command line exits 2.
export function e2eOptions(name, extra = {}, required = []) {
  try {
    const { values: opts } = parseArgs({
      options: {
        base: { type: "string" },
        user: { type: "string" },
        otpauth: { type: "string" },
        clock: { type: "string" },
        screenshots: { type: "string", default: "build/screenshots/web" },
        chromium: { type: "string", default: defaultChromium },
        ...extra,
      },
    });
    for (const k of ["base", "user", "otpauth", ...required]) {
      if (!opts[k]) throw new Error(`--${k} is required`);
    }
    opts.base = opts.base.replace(/\/$/, "");
    return { opts, secrets: readFileSync(0, "utf8").split("\n") };
  } catch (e) {
    console.error(`${name}: ${e.message}`);
    process.exit(2);
  }
}

// The TOTP code for the secret of an `otpauth://` line at `unixSeconds`
// (the server's test clock under `serve --test-mode`), or now.
export function codeFor(otpauth, unixSeconds) {
  const secret = base32Decode(new URL(otpauth).searchParams.get("secret") ?? "");
  const step = unixSeconds ? Math.floor(Number(unixSeconds) / 30) : currentStep();
  return totp(secret, step);
}

// Clicks a submit button and waits for the page it leads to; returns that
// page's response (after any redirect).
export async function submit(page, button) {
  const [response] = await Promise.all([page.waitForNavigation(), button.click()]);
  return response;
}

// `shot(page, name)` saves DIR/PREFIX-NN-NAME.png, numbered in order.
export function screenshots(dir, prefix) {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page, name) => {
    const file = `${dir}/${prefix}-${String(++n).padStart(2, "0")}-${name}.png`;
    await page.screenshot({ path: file, fullPage: true });
  };
}

// Signs `user` in on `page` (the code in the same form or a second step);
// throws with what the page says unless it lands on /.
export async function signIn(page, { base, user, password, code, shot }) {
  await page.goto(`${base}/login`);
  if (shot) await shot(page, "sign-in");
  await page.locator('input[name="user"]').fill(user);
  await page.locator('input[name="password"]').fill(password);
  if ((await page.locator('input[name="code"]').count()) > 0) {
    await page.locator('input[name="code"]').fill(code);
  }
  await submit(page, page.getByRole("button", { name: "Sign in", exact: true }));
  if ((await page.locator('input[name="code"]').count()) > 0 && new URL(page.url()).pathname !== "/") {
    if (shot) await shot(page, "sign-in-code");
    await page.locator('input[name="code"]').fill(code);
    await submit(page, page.getByRole("button", { name: "Sign in", exact: true }));
  }
  if (new URL(page.url()).pathname !== "/") {
    throw new Error(`signing in ended at ${page.url()}: ${(await page.locator("main").innerText()).slice(0, 200)}`);
  }
  if (shot) await shot(page, "signed-in");
}

// Starts chromium, signs `opts.user` in (password = secrets[0]) and runs
// `steps({ page, base, shot, fail, checkPage, secrets })`. `checkPage(page,
// name)` runs every check of page-checks.mjs (label `shotPrefix`, views
// under DIR/shotPrefix/) and counts its axe results. Afterwards prints the
// per-page axe counts and one "PROBLEM …" line for each problem (a thrown
// error, a failed check), closes the browser and exits 0 when there was
// none, 1 otherwise.
export async function runSignedIn({ opts, secrets, shotPrefix }, steps) {
  const base = opts.base;
  const shot = screenshots(opts.screenshots, shotPrefix);
  const problems = [];
  const summary = [];
  const fail = (message) => {
    throw new Error(message);
  };
  const checkPage = async (page, name) => {
    const r = await checkLoadedPage({ page, label: shotPrefix, pagePath: name, screenshotDir: opts.screenshots });
    problems.push(...r.problems);
    for (const n of r.notes) console.log(`note: ${n}`);
    summary.push({ page: name, ...r.axe });
  };
  const browser = await chromium.launch({ executablePath: opts.chromium, headless: true });
  try {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, { base, user: opts.user, password: secrets[0], code: codeFor(opts.otpauth, opts.clock), shot });
    await steps({ page, base, shot, fail, checkPage, secrets });
  } catch (e) {
    problems.push(e.message);
  } finally {
    await browser.close();
  }
  if (summary.length > 0) {
    console.log("page, axe violations (serious or critical)");
    for (const s of summary) console.log(`  ${s.page.padEnd(48)} ${s.violations} (${s.serious})`);
  }
  for (const p of problems) console.log(`PROBLEM ${p}`);
  process.exit(problems.length ? 1 : 0);
}
