import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';
import type { Logger } from '../logging/logger.js';
import type { VendorResponse } from '../vendors/contract.js';
import type { CertificateAuthority } from './certificate-authority.js';
import { hostOfAuthority } from './proxy-hosts.js';

/** `scheme://authority` at the start of an absolute-form request target. */
const ABSOLUTE_FORM = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i;

function refusalBody(hosts: readonly string[], host: string): { error: { code: string; message: string } } {
  return {
    error: {
      code: 'not_a_proxy',
      message:
        `kyc-sandbox answers as a proxy only for the vendors' hosts (${hosts.join(', ')}), not '${host}', ` +
        'and never forwards a request anywhere; add a vendor host with --proxy-host',
    },
  };
}

/**
 * The sandbox as an HTTP proxy for the vendors' own hosts, so that code which calls
 * `https://api.complycube.com` reaches it unchanged, through `HTTPS_PROXY`:
 *
 * - an absolute-form request (`GET http://api.complycube.com/v1/clients`) for a vendor host is served
 *   as the same request in origin form, its `Host` the host it named;
 * - a `CONNECT` to a vendor host is answered `200`, and the tunnel's TLS ended here with a
 *   certificate for that host from the sandbox's own authority, its requests served as any other.
 *
 * Any other host is refused with 403 and nothing is dialled: it is never a general proxy.
 */
export class SandboxProxy {
  readonly #hosts: Set<string>;
  readonly #tunnels = new Set<Duplex>();

  constructor(
    readonly hosts: readonly string[],
    readonly authority: CertificateAuthority,
    private readonly logger: Logger,
  ) {
    this.#hosts = new Set(hosts);
  }

  /**
   * For an absolute-form request: its refusal when it names neither a vendor host nor one of the
   * sandbox's own (`servesOwn`); otherwise rewritten to origin form, as the server it names would see it.
   * Undefined, and the request untouched, for an origin-form request.
   */
  route(req: IncomingMessage, servesOwn: (authority: string) => boolean): VendorResponse | undefined {
    const match = ABSOLUTE_FORM.exec(req.url ?? '');
    if (!match) return undefined;
    const authority = match[2]!.replace(/^[^@]*@/, '');
    const host = hostOfAuthority(authority);
    if (!this.#hosts.has(host) && !servesOwn(authority.toLowerCase())) {
      return { status: 403, body: refusalBody(this.hosts, host) };
    }
    const rest = req.url!.slice(match[0].length);
    req.url = rest.startsWith('/') ? rest : `/${rest}`;
    // RFC 9112 §3.2.2: a server that receives an absolute-form target ignores Host for the target's authority.
    req.headers.host = authority;
    return undefined;
  }

  /** Listens for `CONNECT` on the server whose handler serves the tunnels' requests. */
  attach(server: Server): void {
    server.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      void this.#connect(server, req, socket, head);
    });
  }

  /** Ends every open tunnel, for the server's stop. */
  closeTunnels(): void {
    for (const tunnel of this.#tunnels) tunnel.destroy();
    this.#tunnels.clear();
  }

  async #connect(server: Server, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    this.#tunnels.add(socket);
    socket.once('close', () => this.#tunnels.delete(socket));
    socket.on('error', () => socket.destroy());
    const target = /^([^:\s/]+|\[[^\]\s/]+\]):(\d{1,5})$/.exec(req.url ?? '');
    const host = target ? hostOfAuthority(target[1]!) : '';
    if (!target || !this.#hosts.has(host)) {
      this.logger.info({ target: req.url }, 'CONNECT refused: not a vendor host');
      const status = target ? '403 Forbidden' : '400 Bad Request';
      this.#answer(socket, status, refusalBody(this.hosts, host || String(req.url)));
      return;
    }
    let context;
    try {
      context = await this.authority.contextFor(host);
    } catch (error) {
      this.logger.error({ err: error, host }, 'no certificate for a CONNECT');
      this.#answer(socket, '502 Bad Gateway', { error: { code: 'no_certificate', message: `The sandbox could not issue a certificate for ${host}: ${(error as Error).message}` } });
      return;
    }
    if (socket.destroyed) return;
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    const tls = new TLSSocket(socket as Socket, { isServer: true, secureContext: context, ALPNProtocols: ['http/1.1'] });
    tls.on('error', () => tls.destroy());
    this.#tunnels.add(tls);
    tls.once('close', () => this.#tunnels.delete(tls));
    server.emit('connection', tls);
  }

  #answer(socket: Duplex, status: string, body: unknown): void {
    const payload = JSON.stringify(body);
    socket.end(
      `HTTP/1.1 ${status}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(payload)}\r\nconnection: close\r\n\r\n${payload}`,
    );
  }
}
