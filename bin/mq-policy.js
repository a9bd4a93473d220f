#!/usr/bin/env node
'use strict';
// The compiled CLI starts in a few tens of milliseconds; transpiling on every start would not.
// `npm ci` builds dist/ through the `prepare` script. The ts-node fallback only serves a
// checkout where nobody has built yet.
const path = require('node:path');
const fs = require('node:fs');
const compiled = path.join(__dirname, '..', 'dist', 'src', 'cli', 'main.js');
if (fs.existsSync(compiled)) {
  require(compiled).runFromProcess();
} else {
  require('ts-node').register({ transpileOnly: true });
  require(path.join(__dirname, '..', 'src', 'cli', 'main.ts')).runFromProcess();
}
