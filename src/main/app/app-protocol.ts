// What a tfapp:// request may reach, decided without touching the disk or Electron so it can be
// tested: a file of the built page inside its folder, a media token, or nothing. Every path
// segment is decoded on its own and refused if it could climb out or name a folder separator in
// disguise ("..", "%2e%2e", "%2f", "%5c", a backslash, a NUL, a drive letter), rather than
// trusting a resolve-then-compare afterwards.
import { isAbsolute, join, relative, sep } from 'node:path';

export const APP_SCHEME = 'tfapp';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export type AppRequestTarget =
  /** A file of the built page, an absolute path inside the page's folder. */
  | { kind: 'page-file'; path: string }
  /** The media route: the path (still encoded) for the media registry to read its token from. */
  | { kind: 'media'; pathname: string }
  | { kind: 'not-found' };

const NOT_FOUND: AppRequestTarget = { kind: 'not-found' };

/** One decoded path segment, or undefined when it is not a plain file or folder name. */
function plainSegment(encoded: string): string | undefined {
  let name: string;
  try {
    name = decodeURIComponent(encoded);
  } catch {
    return undefined; // a malformed escape such as "%zz" or a lone "%"
  }
  if (name === '' || name === '.' || name === '..') return undefined;
  if (/[/\\\0]/.test(name)) return undefined;
  if (/^[a-zA-Z]:/.test(name)) return undefined; // "C:" would make a Windows join absolute
  return name;
}

/**
 * Where a tfapp:// request goes. `pageDir` is the built page's folder; `mediaRoute` the media
 * path prefix ("/media/"). Other schemes, other hosts, credentials and ports are not found;
 * the query and the fragment are ignored.
 */
export function appRequestTarget(
  url: string,
  pageDir: string,
  mediaRoute: string,
): AppRequestTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return NOT_FOUND;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname !== APP_HOST) return NOT_FOUND;
  if (parsed.port !== '' || parsed.username !== '' || parsed.password !== '') return NOT_FOUND;
  const pathname =
    parsed.pathname === '' || parsed.pathname === '/' ? '/index.html' : parsed.pathname;
  if (pathname.startsWith(mediaRoute)) return { kind: 'media', pathname };
  const segments: string[] = [];
  for (const encoded of pathname.slice(1).split('/')) {
    const name = plainSegment(encoded);
    if (name === undefined) return NOT_FOUND;
    segments.push(name);
  }
  const path = join(pageDir, ...segments);
  // Belt and braces: the joined path must still be strictly inside the page's folder.
  const inside = relative(pageDir, path);
  if (inside === '' || isAbsolute(inside) || inside.split(sep)[0] === '..') return NOT_FOUND;
  return { kind: 'page-file', path };
}

/**
 * Whether a frame's URL is the app's own page: tfapp://app/..., or in development the dev
 * server's origin followed by a slash, so "http://localhost:5173.evil.example" or
 * "http://localhost:51730" is not it.
 */
export function isAppFrame(url: string | undefined, devServer?: string): boolean {
  if (!url) return false;
  if (url.startsWith(`${APP_ORIGIN}/`)) return true;
  if (!devServer) return false;
  let origin: string;
  try {
    origin = new URL(devServer).origin;
  } catch {
    return false;
  }
  if (origin === 'null') return false;
  return url.startsWith(`${origin}/`);
}
