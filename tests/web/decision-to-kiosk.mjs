// The browser half of the Board-to-kiosk end-to-end test (issue 10, "In
// Chromium through Playwright"): a Board member signs in with password and
// TOTP, opens the results of a poll that headless kiosks answered, picks the
// small site and finds its numbers hidden ("fewer than 5, or hidden") in the
// table and in the chart, follows "Record a decision about this" (which
// fills in the results link) and records a service change for the kiosk's
// site, in progress. Every page on the way gets the checks of
// page-checks.mjs (axe-core, reflow, keyboard); decision_to_kiosk_test.cpp
// then has the kiosk show the decision on its thank-you screen.
//
//   node tests/web/decision-to-kiosk.mjs --base URL --user NAME --otpauth 'otpauth://…' \
//       [--clock UNIX_SECONDS] --form SLUG --small-site SITE --kiosk-site SITE \
//       --you-said TEXT --we-did TEXT [--screenshots DIR] [--chromium PATH]
//
// The password is read from stdin (one line). --clock is the server's test
// clock, for the TOTP code. Screenshots go to DIR/decision-e2e-NN-*.png, and
// each checked page's views to DIR/decision-e2e/. Prints "recorded decision N"
// and the axe counts per page; exit 0 when nothing went wrong, 1 with every
// problem found otherwise.

import { e2eOptions, runSignedIn, submit } from "./e2e-fixture.mjs";

const { opts, secrets } = e2eOptions(
  "decision-to-kiosk",
  {
    form: { type: "string" },
    "small-site": { type: "string" },
    "kiosk-site": { type: "string" },
    "you-said": { type: "string" },
    "we-did": { type: "string" },
  },
  ["form", "small-site", "kiosk-site", "you-said", "we-did"],
);
const hidden = "fewer than 5, or hidden";

await runSignedIn({ opts, secrets, shotPrefix: "decision-e2e" }, async ({ page, base, shot, fail, checkPage }) => {
  // 1. The results list, then the poll's results for every site.
  await page.goto(`${base}/results`);
  await submit(page, page.locator(`main a[href="/results/${opts.form}"]`));
  if (new URL(page.url()).pathname !== `/results/${opts.form}`) fail(`the results link led to ${page.url()}`);
  await shot(page, "results-all-sites");
  await checkPage(page, `/results/${opts.form}`);

  // 2. The small site, through the filter form (a plain GET).
  await page.locator("#f-site").selectOption(opts["small-site"]);
  await submit(page, page.getByRole("button", { name: "Show results", exact: true }));
  await shot(page, "results-small-site");
  const cells = await page.locator("main table td", { hasText: hidden }).count();
  const bars = await page.locator("main svg text", { hasText: hidden }).count();
  const hiddenBars = await page.locator("main svg .chart-hidden").count();
  console.log(`small site: ${cells} table cells, ${bars} chart labels and ${hiddenBars} bars read "${hidden}"`);
  if (cells === 0) fail(`no table cell on ${page.url()} reads "${hidden}"`);
  if (bars === 0 || hiddenBars === 0) fail(`the chart on ${page.url()} shows no hidden bar`);
  await checkPage(page, `/results/${opts.form}?site=${opts["small-site"]}`);

  // 3. "Record a decision about this": the results link comes along.
  await submit(page, page.getByRole("link", { name: "Record a decision about this", exact: true }));
  const links = await page.locator("#results").inputValue();
  const expected = `/results/${opts.form}?site=${encodeURIComponent(opts["small-site"])}`;
  if (!links.startsWith(expected)) fail(`the new decision's results read "${links}", not ${expected}…`);
  await checkPage(page, "/decisions/new");
  await page.locator("#title").fill("Open earlier at weekends");
  await page.locator("#decided").fill("Ask the day centre to open at 8 am on Saturdays and Sundays from next month.");
  await page.getByLabel(opts["kiosk-site"], { exact: true }).check();
  await page.locator("#status").selectOption("in_progress");
  await page.locator("#service_change").check();
  await page.locator("#you_said").fill(opts["you-said"]);
  await page.locator("#we_did").fill(opts["we-did"]);
  await shot(page, "decision-filled-in");
  await submit(page, page.getByRole("button", { name: "Record the decision", exact: true }));
  const at = new URL(page.url()).pathname;
  const id = /^\/decisions\/(\d+)$/.exec(at)?.[1];
  if (!id) fail(`recording the decision ended at ${page.url()}: ${(await page.locator("main").innerText()).slice(0, 300)}`);
  const text = (await page.locator("main").innerText()).replace(/\s+/g, " ");
  if (!text.includes(`Kiosks at ${opts["kiosk-site"]} show this on their thank-you screen`)) {
    fail(`the decision's page does not say the kiosks show it: ${text.slice(0, 400)}`);
  }
  await shot(page, "decision-recorded");
  await checkPage(page, "/decisions/N");

  // 4. The list and the wording editor, as a Board member sees them.
  await page.goto(`${base}/decisions`);
  await checkPage(page, "/decisions");
  await page.goto(`${base}/decisions/${id}/edit`);
  await checkPage(page, "/decisions/N/edit");
  console.log(`recorded decision ${id}`);
});
