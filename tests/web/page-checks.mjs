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

// WCAG 2.0, 2.1 and 2.2 at levels A and AA: the bar issue 9 sets.
const axeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
// Impacts that fail the run; "minor" and "moderate" are printed only.
const failingImpacts = new Set(["serious", "critical"]);

// Tab presses before giving up on focus coming back round: more than any of
// our pages has focusable elements, so a page that traps focus is caught.
const maxTabStops = 80;

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
export async function scanWithAxe(page, where) {
  await page.evaluate(axeSource);
  const results = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }),
    axeTags,
  );
  const problems = [];
  const notes = [];
  for (const v of results.violations) {
    const targets = v.nodes.map((n) => n.target.join(" ")).join(", ");
    const line = `${where}: axe ${v.id} (${v.impact}): ${v.help}; at ${targets}; ${v.helpUrl}`;
    (failingImpacts.has(v.impact) ? problems : notes).push(line);
  }
  return {
    problems,
    notes,
    counts: { violations: results.violations.length, serious: problems.length },
  };
}

// WCAG 1.4.10: at this width nothing scrolls sideways. The document must not
// be wider than the window, and no text may run past the right edge of the
// window or of a box that clips or scrolls it. Text placed off-screen to the
// left or clipped to 1 px (skip links, screen-reader-only text) is allowed.
export async function checkReflow(page, where) {
  const found = await page.evaluate(() => {
    const out = [];
    const doc = document.scrollingElement || document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) {
      out.push(`the page scrolls sideways (${doc.scrollWidth} px wide in ${doc.clientWidth} px)`);
    }
    const viewRight = document.documentElement.clientWidth;
    const describe = (el) => {
      let s = el.tagName.toLowerCase();
      if (el.id) s += `#${el.id}`;
      else if (el.classList.length) s += `.${[...el.classList].join(".")}`;
      return s;
    };
    // The nearest ancestor that clips or scrolls sideways, or null.
    const clipper = (el) => {
      for (let a = el; a && a !== document.documentElement; a = a.parentElement) {
        const ox = getComputedStyle(a).overflowX;
        if (ox !== "visible") return a;
      }
      return null;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      if (!text) continue;
      const el = node.parentElement;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width <= 1 || r.height <= 1) continue; // clipped to nothing on purpose
        if (r.right <= 0) continue; // parked off-screen to the left (a skip link)
        const snippet = text.length > 40 ? `${text.slice(0, 40)}…` : text;
        if (r.right > viewRight + 1) {
          out.push(`text "${snippet}" in ${describe(el)} runs past the window's right edge (${Math.round(r.right)} px > ${viewRight} px)`);
          break;
        }
        const box = clipper(el);
        if (box) {
          const b = box.getBoundingClientRect();
          const inner = b.left + box.clientLeft + box.clientWidth;
          if (r.right > inner + 1 && box.scrollWidth > box.clientWidth) {
            out.push(`text "${snippet}" in ${describe(el)} is cut off or scrolls inside ${describe(box)}`);
            break;
          }
        }
      }
      if (out.length > 20) break; // enough to see what is wrong
    }
    return out;
  });
  return found.map((p) => `${where}: reflow: ${p}`);
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

// A full-page screenshot of the current view into `file`.
export async function screenshot(page, file) {
  mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
}

// Every check on the page now loaded in `page`: axe and the keyboard at the
// first view size, then reflow and a screenshot at each size. The window is
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
  const axe = await scanWithAxe(page, where0);
  problems.push(...axe.problems);
  notes.push(...axe.notes);
  if (keyboard) problems.push(...(await checkKeyboard(page, where0)));
  for (const size of viewSizes) {
    await page.setViewportSize({ width: size.width, height: size.height });
    problems.push(...(await checkReflow(page, `${pagePath} [${size.name}]`)));
    await screenshot(page, screenshotPath(screenshotDir, label, pagePath, size.name));
  }
  await page.setViewportSize({ width: first.width, height: first.height });
  return { problems, notes, axe: axe.counts };
}
