// The test host serves the same handler table over a WebSocket (binary frames), media by token
// only, and accepts the page's own origin only; tests script its dialogs over HTTP.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import { decodeMessage, encodeMessage, type SocketMessage } from '../../src/shared/ipc-codec';
import type { ImportResult } from '../../src/shared/ipc-channels';
import { SOCKET_MAX_BYTES, startTestHost, type TestHost } from '../../src/test-host/server';
import { corpusFile } from '../fixtures/paths';

describe('test host', () => {
  let host: TestHost;
  before(async () => {
    host = await startTestHost({ port: 0, buildDir: '/nonexistent-build' });
  });
  after(() => host.close());

  function connect(origin: string): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/__host/socket`, { origin });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  }

  function call(
    ws: WebSocket,
    id: number,
    channel: string,
    args: unknown[],
  ): Promise<SocketMessage[]> {
    return new Promise((resolve) => {
      const seen: SocketMessage[] = [];
      const onMessage = (data: Buffer): void => {
        const message = decodeMessage(new Uint8Array(data)) as SocketMessage;
        seen.push(message);
        if (message.type === 'reply' && message.id === id) {
          ws.off('message', onMessage);
          resolve(seen);
        }
      };
      ws.on('message', onMessage);
      ws.send(encodeMessage({ type: 'call', id, channel, args }));
    });
  }

  test('binds to 127.0.0.1 and answers calls over the socket', async () => {
    assert.equal(new URL(host.url).hostname, '127.0.0.1');
    const ws = await connect(`http://127.0.0.1:${host.port}`);
    const [reply] = await call(ws, 1, 'app:info', []);
    assert.deepEqual(reply, {
      type: 'reply',
      id: 1,
      reply: {
        ok: true,
        value: {
          name: 'Timbrefold',
          version: '0.1.0',
          host: 'test-host',
          platform: process.platform,
        },
      },
    });
    ws.close();
  });

  test('a dialog answer scripted over HTTP feeds a real import; events are pushed; media is served by token', async () => {
    const forbidden = await fetch(`${host.url}__host/dialogs`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'audio-files', answer: ['/etc/passwd'] }),
    });
    assert.equal(forbidden.status, 403);
    const path = corpusFile('flute_acoustic_073-060-127.wav');
    const queued = await fetch(`${host.url}__host/dialogs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-timbrefold-test': '1' },
      body: JSON.stringify({ kind: 'audio-files', answer: [path] }),
    });
    assert.equal(queued.status, 204);
    const ws = await connect(`http://127.0.0.1:${host.port}`);
    const messages = await call(ws, 2, 'audio:import', [{}]);
    const event = messages.find((m) => m.type === 'event');
    assert.equal(event?.type === 'event' && event.event, 'project:changed');
    const reply = messages.at(-1)!;
    assert.ok(reply.type === 'reply');
    const result = (reply.reply as { ok: true; value: ImportResult }).value;
    const clip = result.snapshot.document.tracks[0]!.clip;
    const url = result.snapshot.media[clip.id]!;
    assert.match(url, /^\/media\/[0-9a-f]{24}\//);
    const served = await fetch(new URL(url, host.url));
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'audio/wav');
    assert.deepEqual(
      new Uint8Array(await served.arrayBuffer()),
      new Uint8Array(await readFile(path)),
    );
    ws.close();
  });

  test('unknown media tokens and paths outside the build are not served', async () => {
    assert.equal((await fetch(`${host.url}media/${'0'.repeat(24)}/x.wav`)).status, 404);
    assert.equal((await fetch(`${host.url}media/../../package.json`)).status, 404);
    assert.equal((await fetch(`${host.url}%2e%2e/%2e%2e/package.json`)).status, 404);
  });

  test('a socket from another origin is refused', async () => {
    await assert.rejects(connect('http://evil.example'));
    await assert.rejects(connect(`http://localhost:${host.port}`));
  });
});

describe('the test host socket', () => {
  test('refuses a message over its maximum size, closing only that socket (issue 10)', async () => {
    // The default is far below the 2 GiB a message could be before (4 GB taken, the host blocked).
    assert.ok(SOCKET_MAX_BYTES <= 512 * 2 ** 20);
    const small = await startTestHost({
      port: 0,
      buildDir: '/nonexistent-build',
      maxMessageBytes: 2 ** 20,
    });
    try {
      const open = (): Promise<WebSocket> =>
        new Promise((resolve, reject) => {
          const ws = new WebSocket(`ws://127.0.0.1:${small.port}/__host/socket`, {
            origin: `http://127.0.0.1:${small.port}`,
          });
          ws.once('open', () => resolve(ws));
          ws.once('error', reject);
        });
      const big = await open();
      const closed = new Promise<number>((resolve) => big.once('close', (code) => resolve(code)));
      big.on('error', () => undefined);
      big.send(
        encodeMessage({
          type: 'call',
          id: 1,
          channel: 'audio:import-wav-bytes',
          args: [{ name: 'big.wav', bytes: new Uint8Array(2 * 2 ** 20) }],
        }),
      );
      assert.equal(await closed, 1009, 'closed as "message too big"');
      // The host goes on answering other sockets.
      const next = await open();
      const reply = await new Promise<SocketMessage>((resolve) => {
        next.once('message', (data: Buffer) =>
          resolve(decodeMessage(new Uint8Array(data)) as SocketMessage),
        );
        next.send(encodeMessage({ type: 'call', id: 2, channel: 'app:info', args: [] }));
      });
      assert.equal(reply.type === 'reply' && (reply.reply as { ok: boolean }).ok, true);
      next.close();
    } finally {
      await small.close();
    }
  });
});
