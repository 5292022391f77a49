// The RPA-Challenge-style job of FormFillingBenchmark written the usual Playwright way: each field
// by its label (getByLabel, exact), fill() or selectOption({label}), then the submit button by its
// role and name. Driven by FormFillingBenchmark over stdin/stdout, one job per "job" line:
//   node challenge.cjs <path to playwright-core> <page url> <records and fields as JSON>
// It launches the OS's Chromium (KARAKURI_CHROMIUM, default /usr/bin/chromium) headless and
// answers each job with one JSON line: {fillMillis, millis, allRight, problem}.
'use strict';
const [, , corePath, url, dataJson] = process.argv;
const { chromium } = require(corePath);
const { records, fields } = JSON.parse(dataJson);
const readline = require('readline');

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.KARAKURI_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--window-size=1366,900', '--lang=ja'],
  });
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const rl = readline.createInterface({ input: process.stdin });
  process.stdout.write(JSON.stringify({ ready: true }) + '\n');
  for await (const line of rl) {
    if (line.trim() !== 'job') break;
    await page.goto(url);
    const t0 = performance.now();
    let filling = 0;
    for (const record of records) {
      const f0 = performance.now();
      for (const f of fields) {
        const field = page.getByLabel(f.label, { exact: true });
        if (f.list) await field.selectOption({ label: record[f.key] });
        else await field.fill(record[f.key]);
      }
      filling += performance.now() - f0;
      await page.getByRole('button', { name: '送信', exact: true }).click();
    }
    const millis = performance.now() - t0;
    const got = await page.evaluate(() => window.submitted);
    let problem = null;
    if (got.length !== records.length) problem = got.length + ' records submitted';
    for (let i = 0; !problem && i < got.length; i++) {
      if (got[i].bound !== true) problem = 'record ' + (i + 1) + ': the page model missed an input event';
      for (const f of fields) {
        if (!problem && got[i][f.key] !== records[i][f.key]) problem = 'record ' + (i + 1) + ' ' + f.label + ': ' + got[i][f.key];
      }
    }
    process.stdout.write(JSON.stringify({ fillMillis: Math.round(filling), millis: Math.round(millis), allRight: !problem, problem }) + '\n');
  }
  await browser.close();
})().catch(e => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(1); });
