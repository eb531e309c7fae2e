// The browser half of the sign-up end-to-end test (issue 10, "A coordinator
// unlocks and handles a sign-up made on the kiosk"): a coordinator signs in
// through the real /login with password and TOTP, unlocks the coordinators'
// key with its passphrase, opens the one sign-up a headless kiosk sent, marks
// it contacted, then handled. axe-core (and the reflow checks) run on every
// sign-up page on the way. signup_to_coordinator_test.cpp runs the kiosk
// first and this afterwards.
//
//   node tests/web/signup-to-coordinator.mjs --base http://127.0.0.1:PORT --user NAME \
//       --otpauth 'otpauth://totp/…' --expect NAME [--screenshots DIR] [--chromium PATH]
//
// Reads two lines from stdin (never from `ps`): the password, then the
// coordinators' passphrase. Screenshots go to DIR/e2e-signup-NN-*.png and the
// page checks' under DIR/e2e-signup/. Waits only on navigations and on what
// the pages show, never on time. Prints "handled REF" and exits 0 when the
// sign-up showed `--expect` and ends handled with no page problem; 1 with the
// reasons otherwise.

import { e2eOptions, runSignedIn, submit } from "./e2e-fixture.mjs";

const { opts, secrets } = e2eOptions("signup-to-coordinator", { expect: { type: "string" } }, ["expect"]);
const passphrase = secrets[1];
const mainText = async (page) => (await page.locator("main").innerText()).replace(/\s+/g, " ");

// 1. Sign in with password and code (the fixture).
await runSignedIn({ opts, secrets, shotPrefix: "e2e-signup" }, async ({ page, base, shot, fail, checkPage }) => {
  // 2. The list, locked: one sign-up, no contents.
  await submit(page, page.getByRole("navigation").getByRole("link", { name: "Sign-ups", exact: true }));
  await shot(page, "list-locked");
  await checkPage(page, "/signups");
  if ((await mainText(page)).includes(opts.expect)) fail("the locked list shows what the sign-up says");

  // 3. Unlock with the coordinators' passphrase.
  await page.getByLabel("Coordinators' passphrase").fill(passphrase);
  await submit(page, page.getByRole("button", { name: "Unlock", exact: true }));
  if (!(await mainText(page)).includes("Unlocked.")) fail(`unlocking did not work: ${(await mainText(page)).slice(0, 300)}`);
  await shot(page, "list-unlocked");
  await checkPage(page, "/signups?done=unlocked");
  const open = page.getByRole("link", { name: /^Open / });
  if ((await open.count()) !== 1) fail(`the list has ${await open.count()} sign-ups, not 1`);
  const reference = (await open.locator("code").innerText()).trim();

  // 4. Open it: the kiosk's words are there.
  await submit(page, open);
  await shot(page, "opened");
  if (!(await mainText(page)).includes(opts.expect)) fail(`the opened sign-up does not show "${opts.expect}"`);
  await checkPage(page, `/signups/${reference}`);

  // 5. Mark contacted, then handled.
  await submit(page, page.getByRole("button", { name: "Mark contacted", exact: true }));
  if (!(await mainText(page)).includes("Contacted on")) fail("after Mark contacted the status does not say so");
  await shot(page, "contacted");
  await checkPage(page, `/signups/${reference}?done=contacted`);
  await submit(page, page.getByRole("button", { name: "Mark handled", exact: true }));
  if (!(await mainText(page)).includes("Handled on")) fail("after Mark handled the status does not say so");
  await shot(page, "handled");
  await checkPage(page, `/signups/${reference}?done=handled`);

  // 6. The key page, and the list again: handled, with its deletion day.
  await page.goto(`${base}/signups/key`);
  await checkPage(page, "/signups/key");
  await page.goto(`${base}/signups`);
  await shot(page, "list-handled");
  if (!(await mainText(page)).includes("Handled on")) fail("the list does not show the sign-up handled");
  console.log(`handled ${reference}`);
});
