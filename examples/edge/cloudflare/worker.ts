// A Cloudflare Worker that fits a linear regression. `wrangler deploy` bundles it with the
// `workerd` export condition, so `init()` uses the wasm module imported statically (Workers refuse
// to compile wasm from bytes) and needs no argument.
//
//   curl -X POST http://localhost:8787 -d '{"X": [[1, 2], [2, 1], [3, 5], [4, 3]], "y": [5.1, 4.9, 13.2, 10.8]}'
import { init, LinearRegression } from 'linreg-wasm';

interface FitRequest { X: number[][]; y: number[] }

const EXAMPLE: FitRequest = { X: [[1, 2], [2, 1], [3, 5], [4, 3], [5, 5], [6, 2]], y: [5.1, 4.9, 13.2, 10.8, 15.1, 10.2] };

export default {
  async fetch(request: Request): Promise<Response> {
    await init(); // once per isolate; later calls return at once
    const { X, y } = request.method === 'POST' ? await request.json() as FitRequest : EXAMPLE;
    try {
      const model = new LinearRegression({ fitIntercept: true }).fit(X, y);
      return Response.json({ coef: Array.from(model.coef), intercept: model.intercept, r2: model.score(X, y) });
    } catch (error) {
      // RangeError / TypeError name the bad input: the client's fault.
      return Response.json({ error: (error as Error).message }, { status: 400 });
    }
  },
};
