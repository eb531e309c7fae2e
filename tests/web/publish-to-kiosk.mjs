// The browser half of the end-to-end test (issue 9, "In a real browser"): a
// staff member signs in through the real /login with password and TOTP,
// opens a poll, changes a question's English wording and its Polish
// translation, and publishes. publish_to_kiosk_test.cpp then has a headless
// kiosk show the new Polish question.
//
//   node tests/web/publish-to-kiosk.mjs --base http://127.0.0.1:PORT --user NAME \
//       --otpauth 'otpauth://totp/…' --form SLUG --question N \
//       --english TEXT --polish TEXT [--screenshots DIR] [--chromium PATH]
//
// The password is read from stdin (one line) so it never shows in `ps`.
// Screenshots go to DIR/e2e-NN-*.png. Waits only on navigations and on
// what the pages show, never on time. Prints "published version V" and exits
// 0 when the published version carries both texts; 1 with the reason otherwise.

import { e2eOptions, runSignedIn, submit } from "./e2e-fixture.mjs";

const { opts, secrets } = e2eOptions(
  "publish-to-kiosk",
  {
    form: { type: "string" },
    question: { type: "string", default: "0" },
    english: { type: "string" },
    polish: { type: "string" },
  },
  ["form", "english", "polish"],
);
const q = Number(opts.question);

// 1. Sign in (the fixture): password, then the code (in the same form or a second step).
await runSignedIn({ opts, secrets, shotPrefix: "e2e" }, async ({ page, base, shot, fail }) => {
  // 2. The poll's editor: change the question's English wording, save the draft.
  const editor = await page.goto(`${base}/forms/${opts.form}`);
  if (editor.status() !== 200) fail(`/forms/${opts.form} answered ${editor.status()}`);
  const text = page.locator(`#q${q}-text`);
  const before = await text.inputValue();
  await text.fill(opts.english);
  await shot(page, "poll-edited");
  await submit(page, page.getByRole("button", { name: "Save draft", exact: true }).first());
  if ((await page.locator(`#q${q}-text`).inputValue()) !== opts.english) {
    fail(`after Save draft the question reads "${await page.locator(`#q${q}-text`).inputValue()}"`);
  }
  if ((await page.locator(".error-summary").count()) > 0) {
    fail(`Save draft was refused: ${await page.locator(".error-summary").innerText()}`);
  }
  console.log(`question ${q}: "${before}" -> "${opts.english}"`);

  // 3. Its Polish translation, on the translations page, in the row of the
  // new English wording (which now shows as missing in Polish).
  await page.goto(`${base}/forms/${opts.form}/translations?lang=pl`);
  const row = page.locator("tbody tr", { has: page.locator("th", { hasText: opts.english }) });
  if ((await row.count()) !== 1) fail(`the translations page has ${await row.count()} rows for the new wording`);
  await row.locator("textarea").fill(opts.polish);
  await shot(page, "translation-edited");
  await submit(page, page.getByRole("button", { name: "Save translations", exact: true }));
  const saved = page.locator("tbody tr", { has: page.locator("th", { hasText: opts.english }) });
  if ((await saved.locator("textarea").inputValue()) !== opts.polish) {
    fail("after Save translations the Polish text is not there");
  }
  await shot(page, "translation-saved");

  // 4. Publish the draft from the editor.
  await page.goto(`${base}/forms/${opts.form}`);
  const publish = page.getByRole("button", { name: /^Publish version/ });
  const label = await publish.innerText();
  await submit(page, publish);
  await shot(page, "published");
  const notice = (await page.locator("main").innerText()).replace(/\s+/g, " ");
  const version = label.replace(/^Publish version\s*/, "").trim();
  // The editor now shows a new draft and names the version kiosks get.
  if (!notice.toLowerCase().includes(`published version ${version}`)) {
    fail(`after Publish the editor does not name published version ${version}: ${notice.slice(0, 300)}`);
  }
  await page.goto(`${base}/forms`);
  await shot(page, "forms-after-publish");
  console.log(`published version ${version}`);
});
