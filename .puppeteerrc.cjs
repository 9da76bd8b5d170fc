// Puppeteer's own browser download cannot work on these machines: samizdat
// uses the system Chromium (see scripts/browser/find-chromium.ts).
module.exports = { skipDownload: true };
