// Renders BPMN diagrams to PNG with the bpmn-js viewer in headless Chromium.
// Usage: node render.js [out-dir] [file.bpmn ...]
//   defaults: out-dir /tmp/render, files ../../processes/*.bpmn
// Needs Debian's chromium at /usr/bin/chromium (or CHROMIUM=/path); no network is used.
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const root = path.resolve(__dirname, '..', '..');
const outDir = path.resolve(process.argv[2] || '/tmp/render');
let files = process.argv.slice(3);
if (files.length === 0) {
  const dir = path.join(root, 'processes');
  files = fs.readdirSync(dir).filter((f) => f.endsWith('.bpmn')).sort().map((f) => path.join(dir, f));
}
const viewerJs = require.resolve('bpmn-js/dist/bpmn-viewer.development.js');
const css = ['diagram-js.css', 'bpmn-js.css', 'bpmn-font/css/bpmn.css']
  .map((f) => path.join(path.dirname(viewerJs), 'assets', f))
  .filter((f) => fs.existsSync(f));

(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  let failed = 0;
  try {
    for (const file of files) {
      const name = path.basename(file, '.bpmn');
      const page = await browser.newPage({ viewport: { width: 1600, height: 600 } });
      // Only local content: refuse any request that would leave the page.
      await page.route('**/*', (route) => (route.request().url().startsWith('data:') || route.request().url() === 'about:blank'
        ? route.continue() : route.abort()));
      await page.setContent('<!doctype html><html><body style="margin:0;background:#fff">'
        + '<div id="canvas" style="width:100vw;height:100vh"></div></body></html>');
      for (const c of css) await page.addStyleTag({ path: c });
      await page.addScriptTag({ path: viewerJs });
      const xml = fs.readFileSync(file, 'utf8');
      const result = await page.evaluate(async (diagramXml) => {
        const viewer = new window.BpmnJS({ container: '#canvas' });
        window.viewer = viewer;
        try {
          const { warnings } = await viewer.importXML(diagramXml);
          const canvas = viewer.get('canvas');
          canvas.zoom('fit-viewport', 'auto');
          return { warnings: warnings.map((w) => w.message), inner: canvas.viewbox().inner };
        } catch (e) {
          return { error: String(e && e.message || e) };
        }
      }, xml);
      const png = path.join(outDir, `${name}.png`);
      if (result.error) {
        failed++;
        console.error(`${name}: import failed: ${result.error}`);
      } else {
        // Size the page to the diagram at 100 % zoom (plus a margin), then fit it in.
        const margin = 40;
        const width = Math.min(4000, Math.ceil(result.inner.width) + 2 * margin);
        const height = Math.max(200, Math.ceil(result.inner.height * width / (result.inner.width + 2 * margin)) + 2 * margin);
        await page.setViewportSize({ width, height });
        await page.evaluate(() => {
          const canvas = window.viewer.get('canvas');
          canvas.resized();
          canvas.zoom('fit-viewport', 'auto');
        });
        await page.screenshot({ path: png });
        console.log(`${png} (diagram ${Math.round(result.inner.width)}x${Math.round(result.inner.height)}, ${result.warnings.length} import warnings)`);
        // Wide diagrams: also write tiles of at most 1600 px, to look at details.
        const tile = 1600;
        if (width > tile) {
          for (let i = 0, x = 0; x < width; i++, x += tile - 100) {
            const tilePng = path.join(outDir, `${name}-part${i + 1}.png`);
            await page.screenshot({ path: tilePng, clip: { x, y: 0, width: Math.min(tile, width - x), height } });
            console.log(`  ${tilePng}`);
            if (x + tile >= width) break;
          }
        }
        result.warnings.forEach((w) => console.log(`  warning: ${w}`));
        if (result.warnings.length) failed++;
      }
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
})();
