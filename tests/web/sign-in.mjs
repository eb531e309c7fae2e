// What the browser end-to-end scripts share (publish-to-kiosk.mjs,
// decision-to-kiosk.mjs): signing in through the real /login form with
// password and TOTP, clicking a button and waiting for the page it leads to,
// and numbered screenshots. Waits only on navigations, never on time.

import { mkdirSync } from "node:fs";
import { base32Decode, currentStep, totp } from "./totp.mjs";

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
