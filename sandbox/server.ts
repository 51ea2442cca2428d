import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:https';
import { type AddressInfo, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';
import { Agent, fetch as undiciFetch } from 'undici';
import { handleCoderPadApi } from './coderpad-api';
import type { ApiRequest, ApiResponse } from './http-types';
import { handleLeverApi } from './lever-api';
import { type Fault, SandboxState, type SandboxOptions, type ServiceName } from './state';

const here = dirname(fileURLToPath(import.meta.url));

/** Every host the sandbox answers for, as the production names. */
export const SANDBOX_HOSTS = [
  'api.lever.co',
  'api.eu.lever.co',
  'api.sandbox.lever.co',
  'hire.lever.co',
  'hire.eu.lever.co',
  'hire.sandbox.lever.co',
  'app.coderpad.io',
  'coderpad.io',
];

export interface Sandbox {
  port: number;
  state: SandboxState;
  /** PEM of the self-signed certificate, for clients that want to trust it. */
  cert: string;
  /** A fetch that sends the production host names to this sandbox (for Node tests). */
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  /** The same service in process, with no socket: every wait in it runs on the caller's timers. */
  memoryFetch: (input: string, init?: RequestInit) => Promise<Response>;
  /** The Chromium flag that does the same for a browser. */
  hostResolverRules: string;
  /**
   * Port of a plain HTTP proxy on 127.0.0.1 that tunnels `CONNECT` for the production hosts to the
   * sandbox and refuses every other host: for browsers without a host resolver rule (Firefox).
   */
  proxyPort: number;
  /** Adds a fault for the next matching requests. */
  fault(fault: Omit<Fault, 'count'> & { count?: number }): void;
  close(): Promise<void>;
}

/** A fresh self-signed certificate for every production host the sandbox answers as. */
export async function makeCertificate(): Promise<{ private: string; cert: string }> {
  const now = Date.now();
  return generate([{ name: 'commonName', value: 'PadBridge sandbox' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 24 * 3600 * 1000),
    notAfterDate: new Date(now + 30 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...SANDBOX_HOSTS.map((value) => ({ type: 2 as const, value })),
          { type: 2 as const, value: 'localhost' },
          { type: 7 as const, ip: '127.0.0.1' },
        ],
      },
    ],
  });
}

function serviceOf(host: string): ServiceName | 'app' | 'pad' | 'control' | undefined {
  if (/^api\.(eu\.|sandbox\.)?lever\.co$/.test(host)) return 'lever';
  if (/^hire\.(eu\.|sandbox\.)?lever\.co$/.test(host)) return 'app';
  if (host === 'app.coderpad.io') return 'coderpad';
  if (host === 'coderpad.io') return 'pad';
  if (host === 'localhost' || host === '127.0.0.1') return 'control';
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<{ raw: string; parsed: unknown }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  return parseBody(raw, req.headers['content-type'] ?? '');
}

function parseBody(raw: string, type: string): { raw: string; parsed: unknown } {
  if (!raw) return { raw, parsed: undefined };
  if (type.includes('application/json')) {
    try {
      return { raw, parsed: JSON.parse(raw) };
    } catch {
      return { raw, parsed: Symbol.for('invalid-json') };
    }
  }
  if (type.includes('application/x-www-form-urlencoded'))
    return { raw, parsed: Object.fromEntries(new URLSearchParams(raw)) };
  return { raw, parsed: raw };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const staticFiles: Record<string, { file: string; type: string }> = {
  '/_app/app.js': { file: 'lever-app/app.js', type: 'text/javascript' },
  '/_app/app.css': { file: 'lever-app/app.css', type: 'text/css' },
};

function faultResponse(service: ServiceName, fault: Fault, now = Date.now()): ApiResponse {
  if (fault.malformed)
    return { status: 200, body: service === 'lever' ? { data: 'unexpected' } : { status: 'OK', id: 42 } };
  const status = fault.status ?? 500;
  const message = status === 429 && service === 'coderpad' ? 'Over quota' : `Simulated failure (${status})`;
  const body = service === 'lever' ? { code: 'SimulatedError', message } : { status: 'ERROR', message };
  return {
    status,
    body,
    headers:
      fault.retryAfter === undefined
        ? undefined
        : {
            'Retry-After': fault.retryAfterAsDate
              ? new Date(now + fault.retryAfter * 1000).toUTCString()
              : String(fault.retryAfter),
          },
  };
}

/**
 * A fetch that sends every host name (Lever's, CoderPad's) to the sandbox listening on `port`,
 * trusting its certificate: for Node tests, and for the simulated browsers of the team bench,
 * each in its own thread.
 */
export function sandboxFetchFor(port: number, cert: string): (input: string, init?: RequestInit) => Promise<Response> {
  return sandboxFetchWithAgent(port, cert).fetch;
}

function sandboxFetchWithAgent(port: number, cert: string) {
  const agent = new Agent({
    connect: (opts, callback) => {
      const socket = tlsConnect({
        host: '127.0.0.1',
        port,
        servername: opts.servername || opts.hostname,
        ca: cert,
        ALPNProtocols: ['http/1.1'],
      });
      socket.once('secureConnect', () => callback(null, socket));
      socket.once('error', (error) => callback(error, null));
    },
  });
  const fetch = (input: string, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher: agent }) as unknown as Promise<Response>;
  return { fetch, agent };
}

export async function startSandbox(
  options: SandboxOptions & { port?: number; certificate?: { private: string; cert: string } } = {},
): Promise<Sandbox> {
  const { port: wantedPort = 0, certificate, ...stateOptions } = options;
  const state = new SandboxState(stateOptions);
  const pems = certificate ?? (await makeCertificate());
  const sockets = new Set<Socket>();

  function appResponse(req: ApiRequest): ApiResponse {
    const file = staticFiles[req.path];
    if (file) return { status: 200, text: readFileSync(join(here, file.file), 'utf8'), contentType: file.type };
    if (req.path === '/_app/api/opportunities') {
      const snapshot = state.snapshot();
      return {
        status: 200,
        body: {
          stages: Object.fromEntries(state.stages.map((s) => [s.id, s.text])),
          headerActions: state.options.leverHeaderActions,
          opportunities: snapshot.opportunities,
        },
      };
    }
    // Lever's own page changing a candidate (a tag, a stage), as a recruiter does it by hand.
    const uiChange = /^\/_app\/api\/opportunities\/([^/]+)$/.exec(req.path);
    if (req.method === 'POST' && uiChange) {
      const body = (req.body ?? {}) as { tag?: unknown; stage?: unknown };
      const change = {
        tag: typeof body.tag === 'string' && body.tag.trim() ? body.tag.trim() : undefined,
        stage: typeof body.stage === 'string' ? body.stage : undefined,
      };
      return state.changeInLeverUi(decodeURIComponent(uiChange[1] ?? ''), change)
        ? { status: 200, body: { ok: true } }
        : { status: 400, body: { error: 'no such candidate or stage' } };
    }
    if (req.path === '/' || req.path === '/candidates' || req.path.startsWith('/candidates/')) {
      return { status: 200, text: readFileSync(join(here, 'lever-app/index.html'), 'utf8'), contentType: 'text/html' };
    }
    return { status: 404, text: 'Not found', contentType: 'text/plain' };
  }

  function padPage(req: ApiRequest): ApiResponse {
    const id = req.path.split('/')[1] ?? '';
    const pad = state.pads.find((p) => p.id === id);
    const title = pad ? pad.title : `Pad ${id}`;
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · CoderPad (sandbox)</title></head><body style="font-family:sans-serif;margin:40px"><h1>${escapeHtml(title)}</h1><p>CoderPad sandbox pad <code>${escapeHtml(id)}</code>${pad ? ` · ${pad.type === 'take_home' ? 'take-home' : 'live'} · ${pad.state}` : ''}</p></body></html>`;
    return { status: 200, text: html, contentType: 'text/html' };
  }

  function control(req: ApiRequest): ApiResponse {
    if (req.method === 'GET' && req.path === '/__sandbox/state') return { status: 200, body: state.snapshot() };
    if (req.method === 'POST' && req.path === '/__sandbox/reset') {
      state.reset((req.body as SandboxOptions | undefined) ?? {});
      return { status: 200, body: { ok: true } };
    }
    if (req.method === 'POST' && req.path === '/__sandbox/faults') {
      const fault = req.body as Fault;
      state.faults.push({ ...fault, count: fault.count ?? 1 });
      return { status: 200, body: { ok: true } };
    }
    if (req.method === 'POST' && req.path === '/__sandbox/options') {
      Object.assign(state.options, req.body as SandboxOptions);
      return { status: 200, body: { ok: true } };
    }
    const padAction = /^\/__sandbox\/pads\/([^/]+)\/(start|end)$/.exec(req.path);
    if (req.method === 'POST' && padAction) {
      const done = padAction[2] === 'start' ? state.startPad(padAction[1] ?? '') : state.endPad(padAction[1] ?? '');
      return done ? { status: 200, body: { ok: true } } : { status: 404, body: { error: 'no such pad' } };
    }
    return { status: 404, body: { error: 'unknown control route' } };
  }

  /** What the sandbox answers to one request (and its line in the request log). */
  async function answer(
    method: string,
    host: string,
    url: URL,
    headers: ApiRequest['headers'],
    parsed: unknown,
  ): Promise<ApiResponse> {
    const receivedAt = Date.now();
    const query: Record<string, string[]> = {};
    for (const [key, value] of url.searchParams) query[key] = [...(query[key] ?? []), value];
    const apiReq: ApiRequest = { method, host, path: url.pathname, query, headers, body: parsed };
    const service = serviceOf(host);
    let response: ApiResponse;
    let fault: Fault | undefined;
    if (service === 'lever' || service === 'coderpad') {
      if (state.options.latencyMs) await sleep(state.options.latencyMs);
      fault = state.takeFault(service, apiReq.method, apiReq.path, apiReq.query);
      if (fault?.delayMs) await sleep(fault.delayMs);
      if (fault?.redirectTo) {
        response = { status: 302, headers: { Location: fault.redirectTo }, body: {} };
      } else if (fault && !fault.dropAfterAction && (fault.drop || fault.status || fault.malformed)) {
        response = fault.drop ? { status: 0, drop: true } : faultResponse(service, fault, state.now());
      } else if (parsed === Symbol.for('invalid-json')) {
        response =
          service === 'lever'
            ? { status: 400, body: { code: 'BadRequestError', message: 'Invalid JSON' } }
            : { status: 400, body: { status: 'ERROR', message: 'Invalid body' } };
      } else {
        response = service === 'lever' ? handleLeverApi(state, apiReq) : handleCoderPadApi(state, apiReq);
        if (fault?.dropAfterAction) response = { ...response, cutAfterHeaders: true };
        if (fault?.stallAfterAction) response = { ...response, stallAfterHeaders: true };
        if (fault?.malformedAfterAction) response = { ...faultResponse(service, { ...fault, malformed: true }) };
      }
    } else if (service === 'app') {
      response = appResponse(apiReq);
    } else if (service === 'pad') {
      response = padPage(apiReq);
    } else if (service === 'control') {
      response = control(apiReq);
    } else {
      response = { status: 421, text: `The sandbox does not serve ${host}`, contentType: 'text/plain' };
    }

    if (service !== 'app' || apiReq.path.startsWith('/candidates')) {
      state.requests.push({
        at: Date.now(),
        receivedAt,
        service: service === 'pad' || service === undefined ? 'app' : service,
        host,
        method: apiReq.method,
        path: apiReq.path,
        query,
        body: typeof parsed === 'symbol' ? '(invalid)' : parsed,
        status: response.drop ? 0 : response.status,
      });
    }
    return response;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url ?? '/', `https://${host || 'localhost'}`);
    const { parsed } = await readBody(req);
    const headers = { authorization: req.headers.authorization, 'content-type': req.headers['content-type'] };
    const response = await answer(req.method ?? 'GET', host, url, headers, parsed);
    if (response.drop) {
      req.socket.destroy();
      return;
    }
    const text = response.text ?? (response.body === undefined ? '' : JSON.stringify(response.body));
    res.writeHead(response.status, {
      'Content-Type': response.contentType ?? 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      // The services' own clock, skew included: what PadBridge reads server time from.
      Date: new Date(state.now()).toUTCString(),
      ...response.headers,
    });
    if (response.cutAfterHeaders) {
      // The service acted and began to answer, then the connection broke: the client has the
      // status line but never the whole body. (A connection closed before any byte of the answer
      // is re-sent by browsers themselves on a reused connection, so that is not what this is.)
      res.write(text.slice(0, Math.floor(text.length / 2)), () => req.socket.destroy());
      return;
    }
    if (response.stallAfterHeaders) {
      // The service acted and began to answer, then went silent: the rest never comes.
      res.write(text.slice(0, Math.floor(text.length / 2)));
      return;
    }
    res.end(text);
  }

  const server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(error));
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(wantedPort, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  // Browsers that cannot map host names (Firefox) are pointed at this proxy instead: a tunnel to
  // the sandbox for the production hosts on 443, and nothing else, so no request leaves the machine.
  const proxy = createHttpServer((_req, res) => {
    res.writeHead(405, { 'Content-Type': 'text/plain' });
    res.end('The sandbox proxy only tunnels HTTPS (CONNECT).');
  });
  proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const [host = '', targetPort = '443'] = (req.url ?? '').toLowerCase().split(':');
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    if (!SANDBOX_HOSTS.includes(host) || targetPort !== '443') {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = netConnect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const proxyPort = (proxy.address() as AddressInfo).port;

  const { fetch: sandboxFetch, agent } = sandboxFetchWithAgent(port, pems.cert);

  /** The same answers without a socket: for tests whose every timer (latency included) is controlled. */
  const memoryFetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input);
    const headers = new Headers(init.headers);
    const raw = typeof init.body === 'string' ? init.body : init.body ? String(init.body) : '';
    const { parsed } = parseBody(raw, headers.get('content-type') ?? '');
    const response = await answer(
      init.method ?? 'GET',
      url.hostname.toLowerCase(),
      url,
      {
        authorization: headers.get('authorization') ?? undefined,
        'content-type': headers.get('content-type') ?? undefined,
      },
      parsed,
    );
    // A connection broken before or during the answer: what fetch reports for it.
    if (response.drop || response.cutAfterHeaders || response.stallAfterHeaders) throw new TypeError('fetch failed');
    const text = response.text ?? (response.body === undefined ? '' : JSON.stringify(response.body));
    return new Response(response.status === 204 ? null : text, {
      status: response.status,
      headers: {
        'Content-Type': response.contentType ?? 'application/json; charset=utf-8',
        Date: new Date(state.now()).toUTCString(),
        ...response.headers,
      },
    });
  };

  return {
    port,
    state,
    cert: pems.cert,
    fetch: sandboxFetch,
    memoryFetch,
    hostResolverRules: SANDBOX_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', '),
    proxyPort,
    fault(fault) {
      state.faults.push({ ...fault, count: fault.count ?? 1 });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await agent.close();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
