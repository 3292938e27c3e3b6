// The test host serves the same handler table over a WebSocket (binary frames), media by token
// only, and accepts the page's own origin only; tests script its dialogs over HTTP.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import { decodeMessage, encodeMessage, type SocketMessage } from '../../src/shared/ipc-codec';
import type { ImportResult } from '../../src/shared/ipc-channels';
import { startTestHost, type TestHost } from '../../src/test-host/server';
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
