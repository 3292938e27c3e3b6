// Who may use the browser host: bound to loopback it answers only its loopback names (a DNS
// rebinding page sends its own name and is refused); bound elsewhere every request needs the
// token, which the first load trades for a same-site cookie.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import {
  accessPolicy,
  acceptedHost,
  decideAccess,
  isLoopbackAddress,
} from '../../src/test-host/access';
import { startTestHost, type TestHost } from '../../src/test-host/server';

/** A GET with exactly these headers (fetch will not send a Host header of our choosing). */
function get(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0, headers: response.headers });
    });
    req.once('error', reject);
    req.end();
  });
}

function socketOpens(port: number, headers: Record<string, string>): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/__host/socket`, { headers });
    ws.once('open', () => {
      ws.close();
      resolve(true);
    });
    ws.once('error', () => resolve(false));
  });
}

describe('access rules', () => {
  test('loopback addresses are told apart from the rest', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', 'localhost', '::1'])
      assert.equal(isLoopbackAddress(address), true, address);
    for (const address of ['0.0.0.0', '::', '192.168.1.4', '10.0.0.1', 'example.org'])
      assert.equal(isLoopbackAddress(address), false, address);
  });

  test('bound to loopback: only loopback names at our port, no token', () => {
    const policy = accessPolicy('127.0.0.1', 5180);
    assert.equal(policy.token, null);
    for (const host of ['127.0.0.1:5180', 'localhost:5180', 'LOCALHOST:5180', '[::1]:5180'])
      assert.notEqual(acceptedHost(policy, host), null, host);
    for (const host of [
      'evil.example:5180',
      '127.0.0.1:80',
      '127.0.0.1',
      '127.0.0.1.evil.example:5180',
      '',
      undefined,
    ])
      assert.equal(acceptedHost(policy, host), null, String(host));
  });

  test('bound elsewhere: a token of 32 characters, traded once for a cookie', () => {
    const policy = accessPolicy('0.0.0.0', 5180);
    assert.ok(policy.token !== null && policy.token.length === 32);
    assert.notEqual(accessPolicy('0.0.0.0', 5180).token, policy.token, 'a new token each start');
    const host = 'studio.local:5180';
    assert.deepEqual(decideAccess(policy, { url: '/', host, cookie: undefined }), {
      allowed: false,
      status: 403,
      reason: 'Open the address printed when the host started (it carries the access token).',
    });
    const wrong = decideAccess(policy, { url: '/?token=nope', host, cookie: undefined });
    assert.equal(wrong.allowed, false);
    const first = decideAccess(policy, {
      url: `/?demo=1&token=${policy.token}`,
      host,
      cookie: undefined,
    });
    assert.ok(first.allowed && 'setCookie' in first);
    assert.equal(first.redirectTo, '/?demo=1', 'the token leaves the address bar');
    assert.match(first.setCookie, /HttpOnly/);
    assert.match(first.setCookie, /SameSite=Strict/);
    const cookie = first.setCookie.split(';')[0]!;
    assert.deepEqual(decideAccess(policy, { url: '/assets/x.js', host, cookie }), {
      allowed: true,
    });
    assert.equal(
      decideAccess(policy, { url: '/', host, cookie: `${cookie.slice(0, -1)}x` }).allowed,
      false,
    );
  });
});

describe('the host enforces them', () => {
  let loopback: TestHost;
  let open: TestHost;
  before(async () => {
    loopback = await startTestHost({ port: 0, buildDir: '/nonexistent-build' });
    open = await startTestHost({ port: 0, buildDir: '/nonexistent-build', address: '0.0.0.0' });
  });
  after(async () => {
    await loopback.close();
    await open.close();
  });

  test('a rebinding page (a foreign Host header) gets 421 and no socket', async () => {
    const { port } = loopback;
    assert.equal(new URL(loopback.url).search, '', 'no token on loopback');
    const foreign = await get(port, '/', { host: `evil.example:${port}` });
    assert.equal(foreign.status, 421);
    const ours = await get(port, '/__host/bridge.js', { host: `localhost:${port}` });
    assert.equal(ours.status, 404, 'past the access check (this host has no build)');
    assert.equal(
      await socketOpens(port, {
        host: `evil.example:${port}`,
        origin: `http://evil.example:${port}`,
      }),
      false,
    );
    assert.equal(
      await socketOpens(port, { host: `localhost:${port}`, origin: `http://localhost:${port}` }),
      true,
    );
    assert.equal(
      await socketOpens(port, { host: `localhost:${port}`, origin: `http://evil.example` }),
      false,
      'another origin on our name',
    );
  });

  test('bound to every address: the printed link carries the token; nothing works without it', async () => {
    const { port, token } = open;
    assert.ok(token);
    assert.equal(new URL(open.url).searchParams.get('token'), token);
    const host = `127.0.0.1:${port}`;
    assert.equal((await get(port, '/', { host })).status, 403);
    assert.equal((await get(port, '/__host/bridge.js', { host })).status, 403);
    assert.equal(await socketOpens(port, { host, origin: `http://${host}` }), false);
    const first = await get(port, `/?token=${token}`, { host });
    assert.equal(first.status, 303);
    assert.equal(first.headers.location, '/');
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    assert.equal((await get(port, '/__host/bridge.js', { host, cookie })).status, 404);
    assert.equal(await socketOpens(port, { host, origin: `http://${host}`, cookie }), true);
  });
});
