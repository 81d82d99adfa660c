// require('linreg-wasm/stats'): the `require` export condition (see ./require-esm.cjs).
'use strict';
module.exports = require('./require-esm.cjs')(() => require('../stats/index.js'), 'linreg-wasm/stats', 'summary');
