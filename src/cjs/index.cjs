// require('linreg-wasm'): the `require` export condition (see ./require-esm.cjs).
'use strict';
module.exports = require('./require-esm.cjs')(() => require('../index.js'), 'linreg-wasm', 'init, LinearRegression');
