// Lighthouse scores for a list of URLs, with one Chromium, written as JSON.
// Usage: node audit.mjs OUT.json URL...   (CHROME_PATH picks the browser; Debian's by default)
import {writeFileSync} from "node:fs";

import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
// The same no-network flags as the browser tests: Chromium talks to nobody but the local site.
const FLAGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
];

const [out, ...urls] = process.argv.slice(2);
if (!out || urls.length === 0) {
  console.error("usage: node audit.mjs OUT.json URL...");
  process.exit(2);
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: FLAGS,
});
const results = [];
try {
  for (const url of urls) {
    const runner = await lighthouse(url, {port: chrome.port, output: "json", logLevel: "error", onlyCategories: CATEGORIES});
    const {lhr} = runner;
    const scores = {};
    const failing = {};
    for (const id of CATEGORIES) {
      const category = lhr.categories[id];
      scores[id] = category.score;
      // Audits that count towards the score and did not pass: what to fix.
      failing[id] = category.auditRefs
        .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
        .map((ref) => `${ref.id}: ${lhr.audits[ref.id].title}`);
    }
    // The metrics behind the performance score, as Lighthouse displays them ("1.6 s"); audit.py labels them.
    const metrics = Object.fromEntries(lhr.categories.performance.auditRefs
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].displayValue !== undefined)
      .map((ref) => [ref.id, lhr.audits[ref.id].displayValue]));
    results.push({url, scores, failing, metrics, runtimeError: lhr.runtimeError?.message ?? null});
  }
} finally {
  await chrome.kill();
}
writeFileSync(out, JSON.stringify(results, null, 2));
