// Every README code block as a file of a TypeScript consumer project, so that a README change that
// no longer compiles against the packed package's types fails `npm test`.
import { readmeSnippets, type Snippet } from './snippets.js';

// Blocks that are not code a user types into a .ts/.js file: shell commands, the seed notebook's
// Python, printed output.
const NOT_TYPESCRIPT = new Set(['sh', 'python', '']);

// Fragments use names the surrounding prose defines; each gets them declared, and the imports it
// leaves out, by the heading it sits under.
const PRELUDES: Record<string, string> = {
  'Gradient descent, the PyTorch way': "import { CosineAnnealingLR, LinearModel, RMSprop, SGD, sseLoss, train } from 'linreg-wasm';\n"
    + 'declare const w0: number[], b0: number, X: number[][], y: number[];\n',
  'Data in wasm memory': "import { Adam, LinearModel, Matrix, train } from 'linreg-wasm';\n"
    + 'declare const rows: number[][], y: number[];\n',
  'The closed form: lstsq and LinearRegression': 'declare const A: number[][], b: number[], X: number[][], y: number[], Xnew: number[][];\n',
  'Data of any size': "import { LinearRegression, type Chunk } from 'linreg-wasm';\n"
    + 'declare const chunks: Chunk[], source: AsyncIterable<Chunk>, X1: number[][], y1: number[], stateFromAnotherMachine: Uint8Array;\n',
};

/** [file name, source] for every README block in JS or TS, and the module script of the HTML one. */
export function consumerFiles(): [string, string][] {
  const files: [string, string][] = [];
  readmeSnippets().forEach((s, i) => {
    if (NOT_TYPESCRIPT.has(s.lang)) return;
    const code = sourceOf(s);
    // A block that says it is CommonJS (`main.cjs`) becomes a .cts file; every other one is an ES
    // module. One with `using` needs TypeScript's esnext.disposable lib: *.disposable.mts.
    const ext = /^\/\/ .*\.cjs\b/.test(code) ? 'cts' : /^\s*using /m.test(code) ? 'disposable.mts' : 'mts';
    const slug = s.heading.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    files.push([`${String(i).padStart(2, '0')}-${slug}.${ext}`, (PRELUDES[s.heading] ?? '') + code + '\nexport {};\n']);
  });
  return files;
}

function sourceOf(s: Snippet): string {
  if (s.lang === 'ts' || s.lang === 'js') {
    // Deno's npm: specifier is the same package; TypeScript resolves it by its plain name.
    return s.code.replaceAll("'npm:linreg-wasm", "'linreg-wasm");
  }
  if (s.lang === 'html') {
    const script = /<script type="module">([\s\S]*?)<\/script>/.exec(s.code);
    if (!script) throw new Error(`README: the html block under "${s.heading}" has no module script`);
    return script[1];
  }
  throw new Error(`README: a \`\`\`${s.lang} block under "${s.heading}": add it to the consumer (test/readme/consumer.ts)`);
}
