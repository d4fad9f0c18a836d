// browser.test.mjs - a person's visit, in headless Chromium at a phone's size:
// take a photo (a bundled sample), wait for the plan, check what the page
// says, correct a field, download the calendar entry. A screenshot of the
// plan goes to docs/serve-phone.png (shown in the README).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { root, startServer, expectedFields } from "./server.mjs";

const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";

test("phone visit: photo in, plan out, a correction, a calendar entry", { timeout: 300000,
  skip: existsSync(browserPath) ? false : `no Chromium at ${browserPath}` }, async () => {
  const server = await startServer(["-j", "1"]);
  const browser = await chromium.launch({
    executablePath: browserPath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
                                               isMobile: true, hasTouch: true, acceptDownloads: true });
    const page = await context.newPage();
    const expected = expectedFields("cp2000-phone.jpg");
    // Without the token the page is refused.
    const refused = await page.goto(server.origin + "/");
    assert.equal(refused.status(), 403);
    const response = await page.goto(server.url);
    assert.equal(response.status(), 200);
    assert.match(response.headers()["content-security-policy"], /script-src 'nonce-/);
    assert.equal(response.headers()["cache-control"], "no-store");

    await page.setInputFiles("#photo", path.join(root, "samples/cp2000-phone.jpg"));
    await page.click("#read");
    await page.waitForSelector("#plan:not(.hidden)", { timeout: 240000 });
    assert.match(await page.textContent("#title"), new RegExp("^" + expected.notice_code + ":"));
    const dollars = Number(expected.amount_due).toLocaleString("en-US", { minimumFractionDigits: 2 });
    assert.equal(await page.textContent("#amount"), "$" + dollars);
    const [y, m, d] = expected.response_date.split("-").map(Number);
    const longDate = new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-US",
      { timeZone: "UTC", year: "numeric", month: "long", day: "numeric" });
    assert.ok((await page.textContent("#deadline")).startsWith(longDate), "deadline " + longDate);
    assert.notEqual((await page.textContent("#first-step")).trim(), "");
    assert.equal(await page.inputValue("#fields input[name=notice_code]"), expected.notice_code);
    mkdirSync(path.join(root, "docs"), { recursive: true });
    await page.screenshot({ path: path.join(root, "docs/serve-phone.png") });

    // A person corrects the amount: the plan is made again from the fields.
    await page.fill("#fields input[name=amount_due]", "5123.45");
    await page.click("#update");
    await page.waitForFunction(() => document.getElementById("amount").textContent === "$5,123.45",
                               null, { timeout: 30000 });

    // The calendar entry for the deadline, made by the library.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#get-ics")]);
    const calendar = readFileSync(await download.path(), "utf8");
    const lines = calendar.replace(/\r\n /g, "").split("\r\n");
    assert.equal(lines[0], "BEGIN:VCALENDAR");
    const start = lines.find((line) => line.startsWith("DTSTART;VALUE=DATE:"));
    assert.equal(start, "DTSTART;VALUE=DATE:" + expected.response_date.replaceAll("-", ""));
    assert.deepEqual(lines.filter((line) => line.startsWith("TRIGGER")).sort(),
                     ["TRIGGER;RELATED=START:-P1D", "TRIGGER;RELATED=START:-P7D"]);
    assert.equal(lines.filter((line) => line === "BEGIN:VEVENT").length, 1);
  } finally {
    await browser.close();
    await server.stop();
  }
});
