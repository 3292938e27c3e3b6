// Issue 10: the tfapp:// handler's path logic and the dev-server frame check, as pure functions.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { appRequestTarget, isAppFrame } from '../../src/main/app/app-protocol';
import { MEDIA_ROUTE, tokenOfMediaPath } from '../../src/main/media/media-registry';

const PAGE = join('/opt', 'timbrefold', 'out', 'renderer');
const target = (url: string) => appRequestTarget(url, PAGE, MEDIA_ROUTE);
const file = (...parts: string[]) => ({ kind: 'page-file', path: join(PAGE, ...parts) });
const NOT_FOUND = { kind: 'not-found' };

describe('tfapp:// requests', () => {
  test('the page and its assets are served from the page folder', () => {
    assert.deepEqual(target('tfapp://app/'), file('index.html'));
    assert.deepEqual(target('tfapp://app'), file('index.html'));
    assert.deepEqual(target('tfapp://app/index.html'), file('index.html'));
    assert.deepEqual(target('tfapp://app/assets/index-3f2a.js'), file('assets', 'index-3f2a.js'));
  });

  test('percent-encodings of normal names are decoded', () => {
    assert.deepEqual(target('tfapp://app/assets/a%20b.woff2'), file('assets', 'a b.woff2'));
    assert.deepEqual(target('tfapp://app/%C3%A9t%C3%A9.svg'), file('été.svg'));
    assert.deepEqual(target('tfapp://app/100%25.png'), file('100%.png'));
  });

  test('the query and the fragment are ignored', () => {
    assert.deepEqual(target('tfapp://app/index.html?x=../../etc/passwd'), file('index.html'));
    assert.deepEqual(target('tfapp://app/index.html#/../../secret'), file('index.html'));
    assert.deepEqual(target('tfapp://app/assets/x.js?v=1#top'), file('assets', 'x.js'));
  });

  test('no traversal out of the page folder, however it is spelled', () => {
    const attempts = [
      'tfapp://app/../../../etc/passwd',
      'tfapp://app/assets/../../../etc/passwd',
      'tfapp://app/%2e%2e/%2e%2e/etc/passwd',
      'tfapp://app/%2E%2E/secret',
      'tfapp://app/.%2e/secret',
      'tfapp://app/..%2f..%2fetc%2fpasswd',
      'tfapp://app/assets%2f..%2f..%2fsecret',
      'tfapp://app/..%5c..%5csecret',
      'tfapp://app/..\\..\\secret',
      'tfapp://app/assets/%2e%2e%5c%2e%2e%5csecret',
      'tfapp://app/%2fetc%2fpasswd',
      'tfapp://app//etc/passwd',
      'tfapp://app/C:%5cWindows%5cwin.ini',
      'tfapp://app/index.html%00.png',
      'tfapp://app/%zz',
      'tfapp://app/%',
    ];
    for (const url of attempts) {
      const answer = target(url);
      // Either refused, or (for dot segments the URL parser itself folds away) still inside.
      if (answer.kind === 'page-file') {
        assert.ok(answer.path.startsWith(`${PAGE}/`), `${url} escaped to ${answer.path}`);
        assert.ok(!answer.path.includes('..'), `${url} kept a dot segment: ${answer.path}`);
      } else assert.deepEqual(answer, NOT_FOUND, url);
    }
    // The encoded separators never become separators.
    assert.deepEqual(target('tfapp://app/..%2f..%2fetc%2fpasswd'), NOT_FOUND);
    assert.deepEqual(target('tfapp://app/..%5c..%5csecret'), NOT_FOUND);
    assert.deepEqual(target('tfapp://app/..\\..\\secret'), NOT_FOUND);
    assert.deepEqual(target('tfapp://app/index.html%00.png'), NOT_FOUND);
  });

  test('other hosts, schemes, ports and credentials are not served', () => {
    for (const url of [
      'tfapp://evil/index.html',
      'tfapp://app.evil/index.html',
      'tfapp://app:8080/index.html',
      'tfapp://user:pw@app/index.html',
      'file:///etc/passwd',
      'http://app/index.html',
      'not a url',
    ])
      assert.deepEqual(target(url), NOT_FOUND, url);
  });

  test('the media route hands its path to the registry, which accepts tokens only', () => {
    const token = 'a'.repeat(24);
    const answer = target(`tfapp://app/media/${token}/take%201.wav?t=3`);
    assert.equal(answer.kind, 'media');
    assert.equal(answer.kind === 'media' && tokenOfMediaPath(answer.pathname), token);
    const sneaky = target('tfapp://app/media/..%2f..%2fetc%2fpasswd');
    assert.equal(sneaky.kind === 'media' && tokenOfMediaPath(sneaky.pathname), undefined);
  });
});

describe('the app frame check', () => {
  const dev = 'http://localhost:5173';

  test('the packaged page is an app frame; anything else is not', () => {
    assert.equal(isAppFrame('tfapp://app/index.html'), true);
    assert.equal(isAppFrame('tfapp://app/'), true);
    assert.equal(isAppFrame('tfapp://application/index.html'), false);
    assert.equal(isAppFrame('tfapp://app.evil/'), false);
    assert.equal(isAppFrame(undefined), false);
    assert.equal(isAppFrame(''), false);
    assert.equal(isAppFrame('http://localhost:5173/'), false); // no dev server in a build
  });

  test('the dev server counts only with its trailing slash', () => {
    assert.equal(isAppFrame('http://localhost:5173/', dev), true);
    assert.equal(isAppFrame('http://localhost:5173/src/index.html', dev), true);
    assert.equal(isAppFrame('http://localhost:5173/', `${dev}/`), true);
    assert.equal(isAppFrame('http://localhost:5173.evil.example/', dev), false);
    assert.equal(isAppFrame('http://localhost:51730/', dev), false);
    assert.equal(isAppFrame('http://localhost:5173@evil.example/', dev), false);
    assert.equal(isAppFrame('https://localhost:5173/', dev), false);
    assert.equal(isAppFrame('http://localhost:5173/', 'not a url'), false);
  });
});
