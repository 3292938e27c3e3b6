// The files the page may fetch: each registered file gets an unguessable token, and the media
// route (Electron's app protocol or the test host's HTTP server) serves tokens only, never paths.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

export class MediaRegistry {
  private readonly byToken = new Map<string, string>();
  private readonly byPath = new Map<string, string>();

  /** The token of a file (the same token each time for the same path). */
  register(path: string): string {
    const absolute = resolve(path);
    let token = this.byPath.get(absolute);
    if (token === undefined) {
      token = randomBytes(12).toString('hex');
      this.byPath.set(absolute, token);
      this.byToken.set(token, absolute);
    }
    return token;
  }

  /** The file behind a token, or undefined for a token never handed out. */
  resolve(token: string): string | undefined {
    return this.byToken.get(token);
  }

  clear(): void {
    this.byToken.clear();
    this.byPath.clear();
  }
}

/** Path of the media route, shared by both hosts: /media/<token>/<name>. */
export const MEDIA_ROUTE = '/media/';

/** The route for a token; the name only makes URLs readable (and drag-out names right). */
export function mediaPath(token: string, name: string): string {
  return `${MEDIA_ROUTE}${token}/${encodeURIComponent(name)}`;
}

/** The token in a media route path, or undefined if the path is not one. */
export function tokenOfMediaPath(pathname: string): string | undefined {
  if (!pathname.startsWith(MEDIA_ROUTE)) return undefined;
  const token = pathname.slice(MEDIA_ROUTE.length).split('/')[0];
  return token && /^[0-9a-f]{24}$/.test(token) ? token : undefined;
}

/** Content type by extension, for the few kinds of file the editor serves. */
export function mediaContentType(path: string): string {
  const lower = path.toLowerCase();
  if (lower.endsWith('.wav')) return 'audio/wav';
  if (lower.endsWith('.mp3')) return 'audio/mpeg';
  if (lower.endsWith('.flac')) return 'audio/flac';
  if (lower.endsWith('.ogg') || lower.endsWith('.oga')) return 'audio/ogg';
  if (lower.endsWith('.m4a') || lower.endsWith('.mp4')) return 'audio/mp4';
  if (lower.endsWith('.json')) return 'application/json';
  return 'application/octet-stream';
}
