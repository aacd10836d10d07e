// pa11y drives Debian's Chromium: installing puppeteer must never download a browser of its own
// (CI reaches only package registries), whether or not PUPPETEER_SKIP_DOWNLOAD is set.
module.exports = {
  skipDownload: true,
  chrome: { skipDownload: true },
  "chrome-headless-shell": { skipDownload: true },
  firefox: { skipDownload: true },
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || "/usr/bin/chromium",
};
