// The checks every page of the web app must pass in a real browser, shared by
// check-pages.mjs (the real server) and self-test.mjs (a tiny page with
// deliberate faults, which proves each check can fail). Plain ES module for
// Node 18+ (Debian bookworm's node), no build step.
//
// Each check returns a list of problems (strings); empty means it passed. A
// problem names the page, the view size and what a person would meet.

import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import path from "node:path";

const require = createRequire(import.meta.url);
// axe-core's own file, injected by page.evaluate: CDP evaluation is not
// subject to the page's Content-Security-Policy (default-src 'none' would
// block a <script> tag), so the page under test stays exactly as served.
const axeSource = require("axe-core").source;

// Debian's browser, never one Playwright downloads (scripts/setup.sh).
export const defaultChromium = "/usr/bin/chromium";

// The view sizes every page is checked at. WCAG 1.4.10 (Reflow) asks for no
// two-dimensional scrolling at 320 CSS px; a 1280 x 800 window zoomed to 200%
// shows 640 x 400 CSS px.
export const viewSizes = [
  { name: "1280", width: 1280, height: 800 },
  { name: "zoom200", width: 640, height: 400 },
  { name: "320", width: 320, height: 640 },
];

// The sizes axe runs at (the extremes; it takes about a second a run).
const axeSizes = new Set(["1280", "320"]);

// WCAG 2.0, 2.1 and 2.2 at levels A and AA: the bar issue 9 sets.
const axeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
// Impacts that fail the run; "minor" and "moderate" are printed only.
const failingImpacts = new Set(["serious", "critical"]);

// Tab presses before giving up on focus coming back round: more than any of
// our pages has focusable elements, so a page that traps focus is caught.
// The form editor is the longest: about 8 stops per question and 7 per
// option, so the sample feedback form's editor has over 200.
const maxTabStops = 600;

// Where a view of a page goes: DIR/LABEL/SLUG-SIZE.png.
export function screenshotPath(dir, label, pagePath, sizeName) {
  const slug =
    pagePath === "/"
      ? "home"
      : pagePath.replace(/^\//, "").replace(/[^A-Za-z0-9._-]+/g, "_") || "page";
  return path.join(dir, label, `${slug}-${sizeName}.png`);
}

// Runs axe-core on the loaded page. Returns { problems, notes, counts }:
// serious and critical violations are problems, the rest notes; each line
// has rule id, impact, the elements (CSS targets) and the help URL.
// `seen` (optional) holds rule-and-elements keys already reported for this
// page at another size or colour scheme; those are not counted again.
export async function scanWithAxe(page, where, seen = new Set()) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
    axeTags,
  );
  const problems = [];
  const notes = [];
  let violations = 0;
  for (const v of results.violations) {
    const targets = v.nodes.map((n) => n.target.join(" ")).join(", ");
    const key = `${v.id}|${targets}`;
    if (seen.has(key)) continue;
    seen.add(key);
    ++violations;
    const line = `${where}: axe ${v.id} (${v.impact}): ${v.help}; at ${targets}; ${v.helpUrl}`;
    (failingImpacts.has(v.impact) ? problems : notes).push(line);
  }
  return {
    problems,
    notes,
    counts: { violations, serious: problems.length },
  };
}

// WCAG 1.4.10: at this width nothing scrolls sideways. The document must not
// be wider than the window, and no text may run past the right edge of the
// window or be cut off by a box that clips it. Allowed: text hidden on
// purpose (clipped to 1 px for screen readers, or parked off-screen to the
// left like a skip link), and a data table scrolling inside its own box
// (1.4.10's exception for content that needs two dimensions): that is a note.
// Returns { problems, notes }.
export async function checkReflow(page, where) {
  const found = await page.evaluate(() => {
    const problems = [];
    const notes = [];
    const doc = document.scrollingElement || document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) {
      problems.push(`the page scrolls sideways (${doc.scrollWidth} px wide in ${doc.clientWidth} px)`);
    }
    const viewRight = document.documentElement.clientWidth;
    const describe = (el) => {
      let s = el.tagName.toLowerCase();
      if (el.id) s += `#${el.id}`;
      else if (el.classList.length) s += `.${[...el.classList].join(".")}`;
      return s;
    };
    // Screen-reader-only text: some ancestor clips it away or is a box of
    // at most 1 px that hides what overflows it.
    const hiddenOnPurpose = (el) => {
      for (let a = el; a && a !== document.body; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.clip !== "auto" || cs.clipPath !== "none") return true;
        if (cs.overflowX !== "visible" && (a.clientWidth <= 1 || a.clientHeight <= 1)) return true;
      }
      return false;
    };
    // The nearest ancestor that clips or scrolls sideways, or null.
    const clipper = (el) => {
      for (let a = el; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== "visible") return a;
      }
      return null;
    };
    const reported = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      const el = node.parentElement;
      if (!text || hiddenOnPurpose(el)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const snippet = text.length > 40 ? `${text.slice(0, 40)}…` : text;
      for (const r of range.getClientRects()) {
        if (r.width <= 1 || r.height <= 1) continue; // nothing to see
        if (r.right <= 0) continue; // parked off-screen to the left (a skip link)
        const box = clipper(el);
        if (box) {
          const b = box.getBoundingClientRect();
          const inner = b.left + box.clientLeft + box.clientWidth;
          if (r.right > inner + 1) {
            const scrolls = ["auto", "scroll"].includes(getComputedStyle(box).overflowX);
            if (scrolls && el.closest("table") && box.contains(el.closest("table"))) {
              const key = `table ${describe(box)}`;
              if (!reported.has(key)) {
                reported.add(key);
                notes.push(`a table scrolls sideways inside ${describe(box)} (allowed for data tables)`);
              }
            } else {
              problems.push(`text "${snippet}" in ${describe(el)} is cut off or scrolls inside ${describe(box)}`);
            }
            break;
          }
        }
        if (r.right > viewRight + 1) {
          problems.push(`text "${snippet}" in ${describe(el)} runs past the window's right edge (${Math.round(r.right)} px > ${viewRight} px)`);
          break;
        }
      }
      if (problems.length > 20) break; // enough to see what is wrong
    }
    return { problems, notes };
  });
  return {
    problems: found.problems.map((p) => `${where}: reflow: ${p}`),
    notes: found.notes.map((p) => `${where}: reflow: ${p}`),
  };
}

// Keyboard: tab from the top of the page. The first stop must be a skip link
// (an in-page link to an element that exists) that is on screen when
// focused; every stop must show a focus indicator (an outline or a box
// shadow) and match :focus-visible; focus must come back round (no trap).
export async function checkKeyboard(page, where) {
  const problems = [];
  // Start from the document itself, as after a fresh load.
  await page.evaluate(() => {
    if (document.activeElement && document.activeElement !== document.body) {
      document.activeElement.blur();
    }
  });
  const seen = [];
  for (let i = 0; i < maxTabStops; ++i) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) return null;
      const cs = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
      const shadow = cs.boxShadow && cs.boxShadow !== "none";
      const href = el.getAttribute("href") || "";
      return {
        key: el.outerHTML.slice(0, 120),
        name: `${el.tagName.toLowerCase()} "${(el.innerText || el.value || el.name || "").trim().slice(0, 30)}"`,
        visibleIndicator: outline || shadow,
        focusVisible: el.matches(":focus-visible"),
        onScreen:
          r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0 &&
          r.left < window.innerWidth && r.top < window.innerHeight,
        skipTarget:
          el.tagName === "A" && href.startsWith("#") && href.length > 1 &&
          document.getElementById(decodeURIComponent(href.slice(1))) !== null,
      };
    });
    if (stop === null || (seen.length > 0 && stop.key === seen[0].key)) break;
    seen.push(stop);
  }
  if (seen.length === 0) {
    return [`${where}: keyboard: Tab reaches nothing`];
  }
  if (seen.length >= maxTabStops) {
    problems.push(`${where}: keyboard: focus did not come back round after ${maxTabStops} Tab presses`);
  }
  const first = seen[0];
  if (!first.skipTarget) {
    problems.push(`${where}: keyboard: the first Tab stop is ${first.name}, not a skip link to the main content`);
  } else if (!first.onScreen) {
    problems.push(`${where}: keyboard: the skip link stays off-screen when focused`);
  }
  for (const s of seen) {
    if (!s.visibleIndicator || !s.focusVisible) {
      problems.push(`${where}: keyboard: no visible focus indicator on ${s.name}`);
    }
  }
  return problems;
}

// A form as first opened marks no field invalid and says no error: only the
// answer to a refused POST may. (The Sites page once marked every field
// invalid because an empty error text opened its Mustache section.)
export async function checkNoFieldMarkedInvalid(page, where) {
  const marked = await page.evaluate(() =>
    [...document.querySelectorAll('[aria-invalid="true"]')].map((el) => el.id || el.name || el.tagName.toLowerCase()),
  );
  return marked.length === 0
    ? []
    : [`${where}: fields marked invalid before anything was posted: ${marked.slice(0, 10).join(", ")}`];
}

// A full-page screenshot of the current view into `file`.
export async function screenshot(page, file) {
  mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
}

// Every check on the page now loaded in `page`: the keyboard at the first
// view size; axe at the widest and the narrowest (a narrow layout can hide or
// shrink things) and at the widest in dark mode; reflow and a screenshot at
// each size, and one in dark mode. The window is
// resized rather than the page loaded again, so a page that is the answer to
// a POST (the sign-in error) is checked the same way. (Screenshots are then
// all at one device pixel per CSS pixel: a 200% zoom shows as 640 px wide.)
// Returns { problems, notes, axe }.
export async function checkLoadedPage({ page, label, pagePath, screenshotDir, keyboard = true }) {
  const problems = [];
  const notes = [];
  const first = viewSizes[0];
  await page.setViewportSize({ width: first.width, height: first.height });
  const where0 = `${pagePath} [${first.name}]`;
  if (keyboard) problems.push(...(await checkKeyboard(page, where0)));
  const axeCounts = { violations: 0, serious: 0 };
  const axeSeen = new Set(); // each violation once per page
  for (const size of viewSizes) {
    await page.setViewportSize({ width: size.width, height: size.height });
    const where = `${pagePath} [${size.name}]`;
    if (axeSizes.has(size.name)) {
      const axe = await scanWithAxe(page, where, axeSeen);
      problems.push(...axe.problems);
      notes.push(...axe.notes);
      axeCounts.violations += axe.counts.violations;
      axeCounts.serious += axe.counts.serious;
    }
    const reflow = await checkReflow(page, where);
    problems.push(...reflow.problems);
    notes.push(...reflow.notes);
    await screenshot(page, screenshotPath(screenshotDir, label, pagePath, size.name));
  }
  await page.setViewportSize({ width: first.width, height: first.height });
  // The stylesheet follows prefers-color-scheme: the dark colours need the
  // same contrast, so axe runs again with them (and a screenshot shows them).
  await page.emulateMedia({ colorScheme: "dark" });
  try {
    const where = `${pagePath} [${first.name}, dark]`;
    const axe = await scanWithAxe(page, where, axeSeen);
    problems.push(...axe.problems);
    notes.push(...axe.notes);
    axeCounts.violations += axe.counts.violations;
    axeCounts.serious += axe.counts.serious;
    await screenshot(page, screenshotPath(screenshotDir, label, pagePath, `${first.name}-dark`));
  } finally {
    await page.emulateMedia({ colorScheme: "light" });
  }
  return { problems, notes, axe: axeCounts };
}
