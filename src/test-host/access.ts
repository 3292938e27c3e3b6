// Who may use the browser host. Bound to loopback (the default), only this machine can connect, so
// the one thing to stop is DNS rebinding: a remote page whose name resolves to 127.0.0.1 sends its
// own name in the Host header, and we answer only our loopback names. Bound to any other address,
// every request must carry the token printed at start: the page's first load brings it in the URL
// and gets it back as a same-site, script-proof cookie that every later request (assets, media, the
// socket) sends by itself.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

export const TOKEN_COOKIE = 'timbrefold_token';
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True for addresses only this machine can reach. */
export function isLoopbackAddress(address: string): boolean {
  if (address === 'localhost' || address === '::1') return true;
  return isIP(address) === 4 && address.startsWith('127.');
}

export interface AccessPolicy {
  port: number;
  /** Null when bound to loopback: no token, loopback Host names only. */
  token: string | null;
}

export function accessPolicy(boundAddress: string, port: number): AccessPolicy {
  return {
    port,
    token: isLoopbackAddress(boundAddress) ? null : randomBytes(24).toString('base64url'),
  };
}

/** The Host header, lower-cased, when this host answers to it; otherwise null. */
export function acceptedHost(policy: AccessPolicy, hostHeader: string | undefined): string | null {
  if (!hostHeader) return null;
  const host = hostHeader.toLowerCase();
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):(\d{1,5})$/.exec(host);
  if (!match || Number(match[2]) !== policy.port) return null;
  if (policy.token === null && !LOOPBACK_NAMES.has(match[1]!)) return null;
  return host;
}

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(cookieHeader: string | undefined, name: string): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}

export type AccessDecision =
  | { allowed: true }
  /** The first load with the token: set the cookie and redirect to the URL without it. */
  | { allowed: true; setCookie: string; redirectTo: string }
  | { allowed: false; status: 403 | 421; reason: string };

/** Decides one request (page, asset, media or socket upgrade) before anything else reads it. */
export function decideAccess(
  policy: AccessPolicy,
  request: { url: string; host: string | undefined; cookie: string | undefined },
): AccessDecision {
  const host = acceptedHost(policy, request.host);
  if (host === null)
    return {
      allowed: false,
      status: 421,
      reason: `This host does not answer to "${request.host ?? ''}".`,
    };
  if (policy.token === null) return { allowed: true };
  const cookie = cookieValue(request.cookie, TOKEN_COOKIE);
  if (cookie !== null && sameSecret(cookie, policy.token)) return { allowed: true };
  const url = new URL(request.url, `http://${host}`);
  const given = url.searchParams.get('token');
  if (given !== null && sameSecret(given, policy.token)) {
    url.searchParams.delete('token');
    return {
      allowed: true,
      setCookie: `${TOKEN_COOKIE}=${policy.token}; HttpOnly; SameSite=Strict; Path=/`,
      redirectTo: `${url.pathname}${url.search}`,
    };
  }
  return {
    allowed: false,
    status: 403,
    reason: 'Open the address printed when the host started (it carries the access token).',
  };
}
