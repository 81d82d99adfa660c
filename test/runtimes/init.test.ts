// init(source) and compile(source) in Node for every kind of source, including values from
// another realm (as edge VMs hand them over), bad sources and repeated calls.
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { compile } from '../../src/wasm/init.js';
import { serveStatic } from '../../scripts/serve-static.js';

const wasmUrl = new URL('../../build/release.wasm', import.meta.url);
const bytes = readFileSync(wasmUrl);
const exportsOf = (m: WebAssembly.Module): string[] => WebAssembly.Module.exports(m).map((e) => e.name).sort();
const expectedExports = exportsOf(new WebAssembly.Module(bytes));

const response = (type: string, status = 200): Response => new Response(new Uint8Array(bytes), { status, headers: { 'content-type': type } });

describe('compile(source) accepts every documented kind of source', () => {
  const sources: [string, () => unknown][] = [
    ['a WebAssembly.Module', () => new WebAssembly.Module(bytes)],
    ['a Module from another realm (recognised by its tag, not instanceof)', () => runInNewContext('new WebAssembly.Module(b)', { b: new Uint8Array(bytes) })],
    ['an ArrayBuffer', () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)],
    ['an ArrayBuffer from another realm', () => runInNewContext('b.buffer.slice(0)', { b: new Uint8Array(bytes) })],
    ['a Uint8Array / Buffer', () => bytes],
    ['a Response with application/wasm (streamed)', () => response('application/wasm')],
    ['a Response with the wrong MIME type (buffered)', () => response('application/octet-stream')],
    ['a promise of a Response', () => Promise.resolve(response('application/wasm'))],
    ['a promise of a Module', () => WebAssembly.compile(bytes)],
    ['a file: URL', () => wasmUrl],
    ['a file: URL string', () => wasmUrl.href],
    ['a path', () => fileURLToPath(wasmUrl)],
  ];
  it.each(sources)('%s', async (_, make) => {
    const module = await compile(make() as Parameters<typeof compile>[0]);
    expect(Object.prototype.toString.call(module)).toBe('[object WebAssembly.Module]');
    expect(exportsOf(module)).toEqual(expectedExports);
  });

  it('an http: URL, fetched, whatever MIME type the server sends', async () => {
    const server = await serveStatic(fileURLToPath(new URL('../../build/', import.meta.url)));
    try {
      expect(exportsOf(await compile(`${server.url}/release.wasm`))).toEqual(expectedExports);
      expect(exportsOf(await compile(new URL(`${server.url}/wrong-mime/release.wasm`)))).toEqual(expectedExports);
      expect(server.wasmServed.map((w) => w.type)).toEqual(['application/wasm', 'application/octet-stream']);
    } finally {
      await server.close();
    }
  });
});

describe('compile(source) refuses what it cannot load, saying why', () => {
  it('a value of another kind is a TypeError naming the kind', async () => {
    await expect(compile(42 as never)).rejects.toThrow(/cannot load the wasm module from a Number/);
    await expect(compile({} as never)).rejects.toThrow(TypeError);
  });
  it('an HTTP error names the status', async () => {
    await expect(compile(response('text/plain', 404))).rejects.toThrow(/HTTP 404/);
  });
  it('a missing file names the path', async () => {
    await expect(compile('/nonexistent/linreg.wasm')).rejects.toThrow(/could not read the wasm module at \/nonexistent\/linreg.wasm/);
  });
});

describe('init()', () => {
  it('is idempotent: a second call returns the first call\'s promise and the module is instantiated once', async () => {
    vi.resetModules();
    const fresh = await import('../../src/wasm/init.js');
    const spy = vi.spyOn(WebAssembly, 'instantiate');
    try {
      const first = fresh.init(bytes);
      const second = fresh.init(new URL('file:///elsewhere.wasm'));
      expect(second).toBe(first);
      await Promise.all([first, second, fresh.init()]);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(fresh.getArena().usage().wasmBytes).toBeGreaterThan(0);
    } finally {
      spy.mockRestore();
    }
  });

  it('can be retried after a failure', async () => {
    vi.resetModules();
    const fresh = await import('../../src/wasm/init.js');
    expect(() => fresh.getArena()).toThrow(/call `await init\(\)` first/);
    await expect(fresh.init('/nonexistent/linreg.wasm')).rejects.toThrow(/could not read/);
    await fresh.init(bytes);
    expect(fresh.getArena().usage().wasmBytes).toBeGreaterThan(0);
  });
});
