// The browser host (`npm run web`, and the tests' host): the built editor over HTTP, the real
// handler table and engine behind a WebSocket, and a window.timbrefold of the preload's exact
// shape injected into the page. Bound to 127.0.0.1 unless told otherwise; who may connect is
// access.ts's decision; the socket accepts the page's own origin only. File dialogs are answered
// by the page's in-page chooser of the host's folders, or, for tests, from a queue.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { hostname as machineName, tmpdir } from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { SOCKET_MAX_BYTES } from '../shared/ipc-codec';
import {
  IPC_CHANNELS,
  type IpcChannel,
  type IpcEventName,
  type IpcEvents,
} from '../shared/ipc-channels';
import { decodeMessage, encodeMessage, type SocketMessage } from '../shared/ipc-codec';
import { DIALOG_KINDS, ScriptedDialogs, type DialogKind } from '../main/ipc/dialogs';
import { Editor } from '../main/ipc/editor';
import { createHandlerTable } from '../main/ipc/handler-table';
import { MEDIA_ROUTE, mediaContentType, tokenOfMediaPath } from '../main/media/media-registry';
import { accessPolicy, decideAccess, isLoopbackAddress, type AccessPolicy } from './access';
import { PAGE_DIALOG_MESSAGE, PageDialogs, type PageChannel } from './page-dialogs';

export interface TestHostOptions {
  /** 0 picks a free port. */
  port: number;
  /** The address to listen on (default 127.0.0.1); any other than loopback requires a token. */
  address?: string;
  /**
   * Who answers the editor's file dialogs: the page's in-page chooser (`npm run web`), or a queue
   * that tests fill (the default; an empty queue answers "cancelled").
   */
  dialogs?: 'page' | 'scripted';
  /** The build to serve (contains renderer/ and test-host/). */
  buildDir: string;
  /** The editor's data folder (default: a fresh temporary folder). */
  dataDir?: string;
  /** Start on the demo session (the bundled content and style). */
  demo?: boolean;
  /** The user's model cache (default: `models` in the data folder). */
  modelsDir?: string;
  concurrency?: number;
  /** The largest socket message accepted (default SOCKET_MAX_BYTES). */
  maxMessageBytes?: number;
}

export { SOCKET_MAX_BYTES };

export interface TestHost {
  /** The address to open, with the access token when one is needed. */
  url: string;
  port: number;
  /** Null when bound to loopback. */
  token: string | null;
  editor: Editor;
  /** The tests' dialog queue (used when `dialogs` is 'scripted'). */
  dialogs: ScriptedDialogs;
  dataDir: string;
  close(): Promise<void>;
}

const root = resolve(import.meta.dirname, '..', '..');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

function csp(host: string, inMeta = false): string {
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    `connect-src 'self' ws://${host}`,
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
  // frame-ancestors only works as a header (a <meta> copy makes the browser complain).
  if (!inMeta) policy.push("frame-ancestors 'none'");
  return policy.join('; ');
}

async function pageHtml(buildDir: string, host: string): Promise<string> {
  const html = await readFile(join(buildDir, 'renderer', 'index.html'), 'utf8');
  return html
    .replace(
      /<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i,
      `<meta http-equiv="Content-Security-Policy" content="${csp(host, true)}" />`,
    )
    .replace('<head>', '<head>\n    <script src="/__host/bridge.js"></script>');
}

async function sendFile(
  response: ServerResponse,
  file: string,
  type: string,
  extra: Record<string, string> = {},
): Promise<void> {
  const info = await stat(file);
  if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
  response.writeHead(200, {
    'content-type': type,
    'content-length': info.size,
    'cache-control': 'no-store',
    ...extra,
  });
  await new Promise<void>((resolveDone, reject) => {
    createReadStream(file).on('error', reject).on('end', resolveDone).pipe(response);
  });
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1 << 20) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startTestHost(options: TestHostOptions): Promise<TestHost> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'timbrefold-host-')));
  const address = options.address ?? '127.0.0.1';
  const dialogs = new ScriptedDialogs();
  const sockets = new Set<WebSocket>();
  /** The socket whose call is being answered: the page a dialog is drawn in. */
  let caller: WebSocket | null = null;
  const channelTo =
    (ws: WebSocket): PageChannel =>
    (message) => {
      if (ws.readyState !== ws.OPEN) return false;
      ws.send(encodeMessage(message));
      return true;
    };
  const pageDialogs = new PageDialogs(() => (caller ? channelTo(caller) : null));
  let port = options.port;
  let policy: AccessPolicy = accessPolicy(address, port);
  const emit = <E extends IpcEventName>(event: E, payload: IpcEvents[E]): void => {
    if (sockets.size === 0) return;
    const frame = encodeMessage({ type: 'event', event, payload } satisfies SocketMessage);
    for (const socket of sockets) socket.send(frame);
  };
  const editor = new Editor(
    {
      info: {
        name: 'Timbrefold',
        version: await appVersion(),
        host: 'test-host',
        platform: process.platform,
      },
      dialogs: options.dialogs === 'page' ? pageDialogs : dialogs,
      mediaUrl: (path) => path,
      emit,
    },
    {
      dataDir,
      spareWorker: true,
      ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
      ...(options.modelsDir !== undefined && { models: { dir: options.modelsDir } }),
    },
  );
  const table = createHandlerTable(editor, (channel, error) =>
    console.error(`[test-host ${channel}]`, error),
  );
  const rendererDir = join(options.buildDir, 'renderer');

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      if (!response.headersSent)
        response.writeHead(missing ? 404 : 500, { 'content-type': 'text/plain' });
      response.end(missing ? 'Not found' : 'Server error');
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const access = decideAccess(policy, {
      url: request.url ?? '/',
      host: request.headers.host,
      cookie: request.headers.cookie,
    });
    if (!access.allowed) {
      response.writeHead(access.status, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(access.reason);
      return;
    }
    if ('setCookie' in access) {
      response.writeHead(303, { location: access.redirectTo, 'set-cookie': access.setCookie });
      response.end();
      return;
    }
    const host = request.headers.host!.toLowerCase();
    const url = new URL(request.url ?? '/', `http://${host}`);
    if (
      request.method === 'POST' &&
      url.pathname === '/__host/dialogs' &&
      options.dialogs !== 'page'
    )
      return answerDialog(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const html = await pageHtml(options.buildDir, host);
      response.writeHead(200, {
        'content-type': TYPES['.html']!,
        'content-security-policy': csp(host),
        'cache-control': 'no-store',
      });
      response.end(html);
      return;
    }
    if (url.pathname === '/__host/bridge.js')
      return sendFile(response, join(options.buildDir, 'test-host', 'bridge.js'), TYPES['.js']!);
    if (url.pathname.startsWith(MEDIA_ROUTE)) {
      const token = tokenOfMediaPath(url.pathname);
      const file = token ? editor.media.resolve(token) : undefined;
      if (!file) throw Object.assign(new Error('unknown media'), { code: 'ENOENT' });
      return sendFile(response, file, mediaContentType(file));
    }
    const file = resolve(rendererDir, `.${decodeURIComponent(url.pathname)}`);
    if (relative(rendererDir, file).startsWith('..'))
      throw Object.assign(new Error('outside'), { code: 'ENOENT' });
    return sendFile(response, file, TYPES[extname(file)] ?? 'application/octet-stream', {
      'content-security-policy': csp(host),
    });
  }

  /** Test control: queue the answer of the next dialog of a kind (a browser page cannot send this header cross-site without a preflight, which is never answered). */
  async function answerDialog(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers['x-timbrefold-test'] !== '1') {
      response.writeHead(403).end();
      return;
    }
    const body = JSON.parse(await readBody(request)) as { kind?: unknown; answer?: unknown };
    const kind = body.kind as DialogKind;
    const answer = body.answer;
    const valid = Array.isArray(answer) && answer.every((p) => typeof p === 'string');
    if (!DIALOG_KINDS.includes(kind) || !(answer === null || valid)) {
      response.writeHead(400).end();
      return;
    }
    dialogs.enqueue(kind, answer as string[] | null);
    response.writeHead(204).end();
  }

  const sockets$ = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes ?? SOCKET_MAX_BYTES,
  });
  server.on('upgrade', (request, socket, head) => {
    const access = decideAccess(policy, {
      url: request.url ?? '/',
      host: request.headers.host,
      cookie: request.headers.cookie,
    });
    const host = request.headers.host?.toLowerCase();
    const url = new URL(request.url ?? '/', `http://${host}`);
    if (
      !access.allowed ||
      'setCookie' in access ||
      url.pathname !== '/__host/socket' ||
      request.headers.origin?.toLowerCase() !== `http://${host}`
    ) {
      socket.destroy();
      return;
    }
    sockets$.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => {
        sockets.delete(ws);
        if (caller === ws) {
          caller = null;
          pageDialogs.cancelAll();
        }
      });
      ws.on('message', (data: Buffer) => void answerCall(ws, data));
      // A message over maxPayload (or a broken frame): ws closes that socket (1009, 1002); the
      // host itself carries on.
      ws.on('error', () => undefined);
    });
  });

  async function answerCall(ws: WebSocket, data: Buffer): Promise<void> {
    let message: SocketMessage;
    try {
      message = decodeMessage(
        new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      ) as SocketMessage;
    } catch {
      ws.close(1003, 'bad frame');
      return;
    }
    if (message.type === 'dialog-list' || message.type === 'dialog-answer') {
      const parsed = PAGE_DIALOG_MESSAGE.safeParse(message);
      if (!parsed.success) ws.close(1003, 'bad dialog message');
      else await pageDialogs.receive(parsed.data, channelTo(ws));
      return;
    }
    if (message.type !== 'call' || !IPC_CHANNELS.includes(message.channel as IpcChannel)) {
      ws.close(1008, 'unknown call');
      return;
    }
    caller = ws;
    const reply = await table[message.channel as IpcChannel](message.args);
    if (ws.readyState === ws.OPEN) ws.send(encodeMessage({ type: 'reply', id: message.id, reply }));
  }

  const demoDir = join(root, 'resources', 'demo');
  await editor.start(
    options.demo
      ? {
          content: join(demoDir, 'content-piano-melody.wav'),
          style: join(demoDir, 'style-violin-d4.wav'),
        }
      : undefined,
  );

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, address, () => resolveListen());
  });
  const bound = server.address();
  port = typeof bound === 'object' && bound ? bound.port : options.port;
  policy = accessPolicy(address, port);
  // A wildcard address is reached by the machine's name; IPv6 literals go in brackets.
  const shown =
    address === '0.0.0.0' || address === '::'
      ? machineName()
      : address.includes(':')
        ? `[${address}]`
        : address;
  const url = new URL(`http://${isLoopbackAddress(address) ? '127.0.0.1' : shown}:${port}/`);
  if (policy.token !== null) url.searchParams.set('token', policy.token);

  return {
    url: url.href,
    port,
    token: policy.token,
    editor,
    dialogs,
    dataDir,
    async close() {
      for (const socket of sockets) socket.terminate();
      sockets$.close();
      await editor.shutdown();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}

async function appVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}
