/**
 * A loopback server for e2e tests: serves the built renderer, plus the same
 * handler table the Electron worker serves, so Chromium drives the real app
 * against real encrypted databases without an Electron binary.
 */
import { buildSync } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { AppCore, type ChoiceKind } from '../../electron/core/app-core';
import { createHandlers, dispatch } from '../../electron/core/handlers';
import type { Channel, InputOf, OutputOf } from '../../shared/contract';

const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER = join(ROOT, 'dist/renderer');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface Harness {
  url: string;
  core: AppCore;
  /** A request as the window makes it (dispatch, permissions and all): its value, or a thrown error. */
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
  close(): Promise<void>;
}

export async function startHarness(options: {
  configDir: string;
  choose?: (kind: ChoiceKind, suggestedName?: string) => Promise<string | null>;
  now?: () => Date;
}): Promise<Harness> {
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('dist/renderer is missing: run `npm run build` first');
  const bridge = buildSync({
    entryPoints: [join(import.meta.dirname, 'harness-bridge.ts')],
    bundle: true,
    format: 'iife',
    write: false,
    target: 'chrome120',
  }).outputFiles[0]!.text;

  const streams = new Set<ServerResponse>();
  const core = new AppCore({
    configDir: options.configDir,
    emit: (event, payload) => {
      for (const stream of streams) stream.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
    },
    choose: options.choose ?? (async () => null),
    ...(options.now ? { now: options.now } : {}),
  });
  const handlers = createHandlers(core);

  const server = createServer((request, response) => {
    void route(request, response).catch(() => {
      response.writeHead(500).end();
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'POST' && url.pathname.startsWith('/rpc/')) {
      // Like main's frame check: only the page this server served may call.
      if (request.headers.origin !== origin()) return void response.writeHead(403).end();
      const body = await readBody(request);
      let input: unknown;
      try {
        input = body ? JSON.parse(body) : {};
      } catch {
        input = undefined;
      }
      const result = await dispatch(handlers, decodeURIComponent(url.pathname.slice('/rpc/'.length)), input);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
      return;
    }
    if (url.pathname === '/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    if (url.pathname === '/harness-bridge.js') {
      response.writeHead(200, { 'content-type': TYPES['.js']! }).end(bridge);
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const html = readFileSync(join(RENDERER, 'index.html'), 'utf8').replace('<head>', '<head>\n    <script src="./harness-bridge.js"></script>');
      response.writeHead(200, { 'content-type': TYPES['.html']! }).end(html);
      return;
    }
    const file = normalize(join(RENDERER, url.pathname));
    if (!file.startsWith(RENDERER) || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  }

  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin()}/`,
    core,
    call: async (channel, input) => {
      const result = await dispatch(handlers, channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code}`);
      return result.value as never;
    },
    close: async () => {
      for (const stream of streams) stream.end();
      if (core.isUnlocked()) await core.lockAndSignOut('requested');
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 1_000_000) reject(new Error('request too large'));
    });
    request.on('end', () => resolveBody(body));
    request.on('error', reject);
  });
}
