// Empties dist/ before tsc writes it, so files whose source moved or stopped being built (test
// twins, source maps) cannot linger there and reach the npm tarball.
import { rmSync } from 'node:fs';

rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });
