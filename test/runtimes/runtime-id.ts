// Which runtime is this code running in? Asked of the runtime itself, so a test cannot pass by
// running the scenario somewhere other than where it claims.

/** 'node' | 'deno' | 'bun' | 'workerd' | 'edge-light' | 'chromium' | 'unknown'. */
export function runtimeId(): string {
  const g = globalThis as Record<string, any>;
  if (typeof g.EdgeRuntime === 'string') return 'edge-light';
  if (typeof g.Deno === 'object') return 'deno';
  if (typeof g.Bun === 'object') return 'bun';
  const ua: string = typeof g.navigator?.userAgent === 'string' ? g.navigator.userAgent : '';
  if (ua === 'Cloudflare-Workers') return 'workerd';
  if (typeof g.process?.versions?.node === 'string') return 'node';
  if (/Chrome\//.test(ua)) return 'chromium';
  return 'unknown';
}
