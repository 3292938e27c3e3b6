// The Electron shell: window, security settings, menus and wiring. The editor itself lives in
// ipc/editor.ts and is the same object the test host serves.
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  Menu,
  nativeImage,
  net,
  protocol,
  session,
  shell,
  type MenuItemConstructorOptions,
} from 'electron';
import type { JobUpdate } from '../../shared/ipc-jobs';
import { MENUS } from '../../shared/ipc-menu';
import type { Editor as EditorType } from '../ipc/editor';
import { Editor } from '../ipc/editor';
import { electronDialogs } from '../ipc/electron-dialogs';
import { electronEventSink, serveOverElectron } from '../ipc/electron-ipc';
import { createHandlerTable } from '../ipc/handler-table';
import { taskbarProgress } from './taskbar-progress';
import { startUtilityHost } from './utility-host';
import { MEDIA_ROUTE, mediaContentType, tokenOfMediaPath } from '../media/media-registry';
import { resourcePaths } from '../app/resource-paths';
import { APP_ORIGIN, APP_SCHEME, appRequestTarget, isAppFrame } from '../app/app-protocol';

const SCHEME = APP_SCHEME;
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// The page is served from tfapp://app (a standard, secure origin) rather than file://, so its
// CSP 'self' covers the app and its media and nothing else on disk.
protocol.registerSchemesAsPrivileged([
  {
    scheme: SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
  },
]);

const rendererDir = join(import.meta.dirname, '../renderer');
// Shipped models, demo sounds and WebAssembly: in the checkout, or beside app.asar when packaged.
const resources = resourcePaths();
// Worker threads look these up themselves (engine/backend.ts, models/locations.ts) and inherit
// this environment, so they find the packaged app's copies too.
process.env['TIMBREFOLD_WASM_DIR'] ??= resources.tfjsWasm;
process.env['TIMBREFOLD_SHIPPED_MODELS'] ??= resources.models;
// A data folder of its own (tests, portable use) and a start without the demo session.
const dataDirOverride = process.env['TIMBREFOLD_DATA_DIR'];
if (dataDirOverride) app.setPath('userData', dataDirOverride);
const withDemo = process.env['TIMBREFOLD_DEMO'] !== '0';
const devServer = process.env['ELECTRON_RENDERER_URL'];
let mainWindow: BrowserWindow | undefined;
let editor: EditorType | undefined;

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

async function serveAppRequest(request: Request): Promise<Response> {
  const target = appRequestTarget(request.url, rendererDir, MEDIA_ROUTE);
  if (target.kind === 'media') {
    const token = tokenOfMediaPath(target.pathname);
    const file = token ? editor?.media.resolve(token) : undefined;
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    return new Response(response.body, {
      status: response.status,
      headers: { 'content-type': mediaContentType(file), 'cache-control': 'no-store' },
    });
  }
  if (target.kind === 'not-found') return new Response('Not found', { status: 404 });
  const file = target.path;
  try {
    return new Response(await readFile(file), {
      headers: {
        'content-type': STATIC_TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

function buildMenu(window: BrowserWindow): Menu {
  const isMac = process.platform === 'darwin';
  // The page binds the same accelerators itself (so they work in the test host too); off macOS
  // the menu shows them without registering them, so a key is never handled twice.
  const template: MenuItemConstructorOptions[] = MENUS.map((menu) => ({
    label: menu.label,
    submenu: [
      ...menu.items.map((item): MenuItemConstructorOptions =>
        item === 'separator'
          ? { type: 'separator' }
          : {
              label: item.label,
              accelerator: item.accelerator,
              registerAccelerator: false,
              click: () => window.webContents.send('menu:command', item.command),
            },
      ),
      ...(menu.label === 'Edit'
        ? ([
            { type: 'separator' },
            { role: 'cut' },
            { role: 'copy' },
            { role: 'paste' },
            { role: 'selectAll' },
          ] as MenuItemConstructorOptions[])
        : []),
      ...(menu.label === 'View' && !app.isPackaged
        ? ([{ type: 'separator' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[])
        : []),
    ],
  }));
  if (isMac) template.unshift({ role: 'appMenu' });
  return Menu.buildFromTemplate(template);
}

/** A small opaque square, the drag image of a track dragged out of the window. */
function dragIcon(): Electron.NativeImage {
  const size = 32;
  const pixels = Buffer.alloc(size * size * 4);
  for (let i = 0; i < size * size; i++) pixels.set([0xd0, 0x9a, 0x3c, 0xff], i * 4); // BGRA
  return nativeImage.createFromBitmap(pixels, { width: size, height: size });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Timbrefold',
    backgroundColor: '#14161a',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  Menu.setApplicationMenu(buildMenu(window));
  if (devServer) void window.loadURL(devServer);
  else void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

async function start(): Promise<void> {
  // No permission but the microphone (recording a track) and notifications (a transfer is
  // done), and only for the app itself.
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) => {
    const audioOnly =
      permission === 'media' &&
      (details as { mediaTypes?: string[] }).mediaTypes?.every((t) => t === 'audio') === true;
    callback(
      (audioOnly || permission === 'notifications') && isAppFrame(contents.getURL(), devServer),
    );
  });
  session.defaultSession.setPermissionCheckHandler(
    (_contents, permission, origin) =>
      (permission === 'media' || permission === 'notifications') &&
      isAppFrame(`${origin}/`, devServer),
  );
  protocol.handle(SCHEME, serveAppRequest);
  const toPage = electronEventSink(() => mainWindow?.webContents);
  const showProgress = taskbarProgress(() => mainWindow);

  editor = new Editor(
    {
      info: {
        name: 'Timbrefold',
        version: app.getVersion(),
        host: 'electron',
        platform: process.platform,
      },
      dialogs: electronDialogs(() => mainWindow),
      mediaUrl: (path) => (devServer ? `${APP_ORIGIN}${path}` : path),
      emit: (event, payload) => {
        toPage(event, payload);
        if (event === 'job:update') showProgress((payload as JobUpdate).job);
      },
      startDrag: (file) => mainWindow?.webContents.startDrag({ file, icon: dragIcon() }),
      showInFolder: (file) => shell.showItemInFolder(file),
    },
    {
      dataDir: app.getPath('userData'),
      spareWorker: true,
      // Each job in a utility process of its own: memory running out ends that job, not the app.
      startJobHost: startUtilityHost,
      // The same cache the CLI uses (models/locations.ts); shipped models sit in the app's resources.
      models: { dir: join(app.getPath('userData'), 'models'), shipped: [resources.models] },
    },
  );
  serveOverElectron(
    createHandlerTable(editor, (channel, error) => console.error(`[${channel}]`, error)),
    editor.grants,
    (url) => isAppFrame(url, devServer),
  );
  await editor.start(
    withDemo
      ? {
          content: join(resources.demo, 'content-piano-melody.wav'),
          style: join(resources.demo, 'style-violin-d4.wav'),
        }
      : undefined,
  );
  mainWindow = createWindow();
  mainWindow.on('closed', () => (mainWindow = undefined));
}

// Every web contents: no navigation away from the app, no new windows, no <webview>.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAppFrame(url, devServer)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppFrame(url, devServer)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !editor) return;
  event.preventDefault();
  quitting = true;
  void editor.shutdown().finally(() => app.quit());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('activate', () => {
  if (editor && BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
});

void app.whenReady().then(start);
