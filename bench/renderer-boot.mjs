import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { row, summary } from './figures.mjs';
import { defaultsEnv, stop } from './startup.mjs';

const RUNS = 10;
const RUN_TIMEOUT_MS = 20_000;
const START_TIMEOUT_MS = 20_000;
const PASSWORD = 'correct horse battery staple';
const DISPLAY_NAME = 'Bench Trader';
const REFRESH_KEY = 'optibid.refreshToken';
const READY_LINE = /OptiBid Terminal \(browser mode\) is running at (http:\/\/\S+)/;
const CHROMIUM_PATH = '/usr/bin/chromium';
// The flags of e2e/support/chromium.ts (not compiled, so not importable here), kept in step by
// hand: without the background-networking ones Chromium keeps calling Google services, which a
// closed network answers with a flood of failures (see shared/docs/TOOLCHAIN.md).
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist/main/cli.js');
const rendererIndex = join(root, 'dist/renderer/index.html');

// ---------------------------------------------------------------------------------------------
// What "interactive" means here. An init script, run in the new document before any of its own
// scripts, watches the DOM with a MutationObserver and records performance.now() (ms since the
// navigation started: the document's time origin) at the first mutation after which every
// condition holds. Being a microtask after the mutation, that is the moment the frame is in the
// DOM, visible as Playwright means it (a non-empty box, not visibility:hidden), before the
// paint that shows it. Playwright then waits for the same selectors to be visible, and the
// recorded figure is read back; no polling interval or round trip lands in the figure.
//   dashboard: [data-testid="signed-in-user"] shows the display name AND
//              [data-testid="connection-status"][data-state="open"] is visible
//   baseline:  [data-testid="ready"] is visible
// The init script is a string: it runs in the page, not under Node, and needs no bundling.
// ---------------------------------------------------------------------------------------------
function readinessScript(conditions) {
  return `(() => {
  const visible = (element) => {
    if (!element || !element.isConnected) return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
  };
  const conditions = ${JSON.stringify(conditions)};
  const ready = () => conditions.every(({ selector, text }) => {
    const element = document.querySelector(selector);
    return visible(element) && (text === undefined || element.textContent.trim() === text);
  });
  const observer = new MutationObserver(() => {
    if (window.__benchReadyAt === undefined && ready()) {
      window.__benchReadyAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`;
}

const DASHBOARD_READY = [
  { selector: '[data-testid="signed-in-user"]', text: DISPLAY_NAME },
  { selector: '[data-testid="connection-status"][data-state="open"]' },
];
const BLANK_READY = [{ selector: '[data-testid="ready"]' }];

/** Sets the refresh token in the engine origin's sessionStorage before the renderer's scripts run. */
function refreshTokenScript(origin, refreshToken) {
  return `if (location.origin === ${JSON.stringify(origin)}) sessionStorage.setItem(${JSON.stringify(REFRESH_KEY)}, ${JSON.stringify(refreshToken)});`;
}

// --- the engine in browser mode --------------------------------------------------------------

/** `optibid start --browser` on a free port and a fresh data directory, as e2e/support/engine-process.ts does. */
async function startBrowserMode(dataDir) {
  const child = spawn(process.execPath, [cli, 'start', '--browser', '--no-open', '--port', '0'], {
    cwd: root,
    env: { ...(await defaultsEnv()), OPTIBID_DATA_DIR: dataDir, OPTIBID_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (printed += chunk));
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`browser mode did not report its URL within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      createInterface({ input: child.stdout }).on('line', (line) => {
        printed += `${line}\n`;
        const match = READY_LINE.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`browser mode exited (${signal ?? `code ${code}`}) before it was ready`));
      });
    });
    return { url, stop: () => stop(child) };
  } catch (error) {
    await stop(child);
    throw new Error(`${error.message}${printed ? `; output:\n${printed.trimEnd()}` : ''}`, { cause: error });
  }
}

async function postJson(url, body, expected) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  if (response.status !== expected) throw new Error(`POST ${new URL(url).pathname} answered HTTP ${response.status}: ${text}`);
  return JSON.parse(text);
}

// --- the baseline: a blank Vite + React page ---------------------------------------------------

const BLANK_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Blank</title>
  </head>
  <body>
    <div id="root"></div>
    <script type="module" src="/main.jsx"></script>
  </body>
</html>
`;

const BLANK_MAIN = `import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  return <button type="button" data-testid="ready">Ready</button>;
}

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
`;

/** Builds the blank page with Vite's JS API and the renderer's plugin into `dir`/dist; returns that directory. */
async function buildBlankPage(dir) {
  const source = join(dir, 'src');
  await mkdir(source);
  await writeFile(join(source, 'index.html'), BLANK_HTML);
  await writeFile(join(source, 'main.jsx'), BLANK_MAIN);
  // react and react-dom resolve from the project's node_modules, as the renderer's do.
  await symlink(join(root, 'node_modules'), join(source, 'node_modules'), 'dir');
  const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
  const outDir = join(dir, 'dist');
  await build({
    root: source,
    configFile: false,
    base: '/',
    logLevel: 'silent',
    cacheDir: join(dir, 'vite-cache'),
    plugins: [react()],
    build: { outDir, emptyOutDir: true, assetsInlineLimit: 0 },
  });
  return outDir;
}

const CONTENT_TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

/** A plain node:http static server on 127.0.0.1; index.html is no-cache, the rest immutable, as the engine serves them. */
async function serveStatic(dir) {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir + sep)) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) => {
        const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
        const cache = file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable';
        response.writeHead(200, { 'content-type': type, 'cache-control': cache, 'content-length': body.length }).end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// --- measuring -------------------------------------------------------------------------------

/**
 * One run in a fresh browser context (empty cache, empty storage, as a newly opened tab):
 * navigate to `url`, wait for the conditions, return the in-page ready time.
 */
async function timeBoot(browser, url, conditions, initScript) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
    if (initScript) await page.addInitScript(initScript);
    await page.addInitScript(readinessScript(conditions));
    await page.goto(url, { waitUntil: 'commit', timeout: RUN_TIMEOUT_MS });
    try {
      for (const { selector, text } of conditions) {
        await page.locator(selector, text === undefined ? {} : { hasText: text }).waitFor({ state: 'visible', timeout: RUN_TIMEOUT_MS });
      }
    } catch (error) {
      throw new Error(`${url}: not ready within ${RUN_TIMEOUT_MS / 1000} s (at ${page.url()}${pageErrors.length ? `; page errors: ${pageErrors.join('; ')}` : ''}): ${error.message}`, { cause: error });
    }
    const readyAt = await page.evaluate('window.__benchReadyAt');
    if (typeof readyAt !== 'number') throw new Error(`${url}: the selectors are visible but the in-page observer recorded no ready time`);
    return { readyAt, page };
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** A fresh refresh token each run: tokens rotate, so the one a run's page used is spent. */
async function timeDashboard(browser, engineUrl, email) {
  const tokens = await postJson(new URL('api/auth/login', engineUrl), { email, password: PASSWORD }, 200);
  const origin = new URL(engineUrl).origin;
  const { readyAt, page } = await timeBoot(browser, `${engineUrl}#/dashboard`, DASHBOARD_READY, refreshTokenScript(origin, tokens.refreshToken));
  try {
    // Proof the dashboard came from restoring the session: the page rotated the token it was given.
    const held = await page.evaluate(`sessionStorage.getItem(${JSON.stringify(REFRESH_KEY)})`);
    if (!held || held === tokens.refreshToken) throw new Error('the dashboard showed without the page refreshing its session token');
    return readyAt;
  } finally {
    await page.context().close();
  }
}

async function timeBlank(browser, blankUrl) {
  const { readyAt, page } = await timeBoot(browser, blankUrl, BLANK_READY);
  await page.context().close();
  return readyAt;
}


/** Navigation -> signed-in dashboard frame interactive in headless Chromium, against a blank Vite React page; runs interleaved. */
export default async function rendererBoot() {
  if (!existsSync(CHROMIUM_PATH)) {
    console.log(`renderer-boot: skipped: no Chromium at ${CHROMIUM_PATH} to measure in (apt-get install -y chromium)`);
    return;
  }
  if (!existsSync(cli) || !existsSync(rendererIndex)) throw new Error(`${existsSync(cli) ? rendererIndex : cli} is missing: build first (npm run build), or use npm run bench, which builds`);
  const { chromium } = await import('playwright-core');

  const cleanups = [];
  try {
    const dir = await mkdtemp(join(tmpdir(), 'optibid-bench-boot-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const dataDir = join(dir, 'data');
    await mkdir(dataDir);

    const blank = await serveStatic(await buildBlankPage(dir));
    cleanups.push(blank.close);
    const engine = await startBrowserMode(dataDir);
    cleanups.push(engine.stop);

    const email = 'bench-boot@desk.example';
    await postJson(new URL('api/auth/register', engine.url), { email, password: PASSWORD, displayName: DISPLAY_NAME, organizationName: 'Bench Desk' }, 201);

    // Playwright's launch() gives the browser a throwaway profile of its own and removes it on close.
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
    cleanups.push(() => browser.close());

    // One discarded run each warms the engine's code paths, the disk cache and Chromium's processes.
    await timeDashboard(browser, engine.url, email);
    await timeBlank(browser, blank.url);
    const dashboardTimes = [];
    const blankTimes = [];
    for (let run = 0; run < RUNS; run++) {
      dashboardTimes.push(await timeDashboard(browser, engine.url, email));
      blankTimes.push(await timeBlank(browser, blank.url));
    }

    const dashboard = summary(dashboardTimes);
    const baseline = summary(blankTimes);
    console.log(`renderer-boot: navigation -> frame in the DOM and visible, headless Chromium, fresh context per run (median of ${RUNS} after 1 warm-up)`);
    console.log(row('signed-in dashboard', dashboard, 20));
    console.log(row('blank vite react', baseline, 20));
    console.log(`  ratio ${(dashboard.median / baseline.median).toFixed(2)}x   (dashboard: session restored from a sessionStorage refresh token, name shown, event stream open)`);
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`renderer-boot: cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await rendererBoot();
