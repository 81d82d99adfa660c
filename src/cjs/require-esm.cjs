// Loads one of the package's ES module entries for require(). Node ≥ 20.19 and ≥ 22.12 can
// require() an ES module; older Node, and Node run with --no-experimental-require-module, throw a
// bare ERR_REQUIRE_ESM, replaced here by the fix (same code, the original as its cause).
'use strict';

/** @param {() => unknown} load @param {string} name @param {string} names what the example imports */
module.exports = function requireEsm(load, name, names) {
  try {
    return load();
  } catch (error) {
    if (!error || error.code !== 'ERR_REQUIRE_ESM') throw error;
    const fix = new Error(`${name} is an ES module, and this Node cannot require() one (Node < 20.19, or `
      + `--no-experimental-require-module). From CommonJS, import it inside an async function: `
      + `const { ${names} } = await import('${name}'); or make your file an ES module (.mjs, or "type": "module" `
      + 'in package.json).', { cause: error });
    fix.code = 'ERR_REQUIRE_ESM';
    throw fix;
  }
};
