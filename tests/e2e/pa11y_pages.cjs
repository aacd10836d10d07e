// The second accessibility engine of the browser tests: pa11y with HTML_CodeSniffer (WCAG 2 AA)
// over the pages a browser test saw, saved as HTML files whose <base> points at the live server
// so that their styles load. Usage: node pa11y_pages.cjs PAGE.html… ; prints one JSON array of
// the errors found (warnings and notices are left out, as for axe, where only violations fail).
// Runs Debian's Chromium: PUPPETEER_EXECUTABLE_PATH (default /usr/bin/chromium); never a
// browser of puppeteer's own.
"use strict";

const path = require("node:path");
const { pathToFileURL } = require("node:url");
const pa11y = require("pa11y");
const puppeteer = require("puppeteer");

const CHECKED_AT_ONCE = 4;

async function main() {
  const files = process.argv.slice(2);
  const browser = await puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"],
  });
  const found = [];
  // A few pages at a time in the one browser: most of a page's time is spent waiting for its
  // styles and scripts, so the checks of a long journey finish in a fraction of the time.
  const queue = [...files];
  async function checkNext() {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const result = await pa11y(pathToFileURL(path.resolve(file)).href, {
        browser,
        runners: ["htmlcs"],
        standard: "WCAG2AA",
        timeout: 30000,
        viewport: { width: 1280, height: 720 },
      });
      for (const issue of result.issues) {
        if (issue.type === "error") {
          found.push({
            page: path.basename(file),
            code: issue.code,
            message: issue.message,
            selector: issue.selector,
            context: issue.context,
          });
        }
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: CHECKED_AT_ONCE }, checkNext));
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(found));
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(2);
});
