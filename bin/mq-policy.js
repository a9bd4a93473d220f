#!/usr/bin/env node
'use strict';
// The compiled CLI starts in a few tens of milliseconds; transpiling on every start would not.
// `npm ci` builds dist/ through the `prepare` script. In a checkout where src/ changed after the
// last build, a stale dist/ would answer with old semantics, so the sources run through ts-node.
const path = require('node:path');
const fs = require('node:fs');
const root = path.join(__dirname, '..');
const compiled = path.join(root, 'dist', 'src', 'cli', 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

// An installed package has no src/ or steps/ beside dist/: it always runs the compiled code.
const sources = path.join(root, 'src');
const stepSources = path.join(root, 'steps');
const newest = () => Math.max(newestSource(sources), fs.existsSync(stepSources) ? newestSource(stepSources) : 0);
const stale = fs.existsSync(compiled) && fs.existsSync(sources) && newest() > fs.statSync(compiled).mtimeMs;
if (fs.existsSync(compiled) && !stale) {
  require(compiled).runFromProcess();
} else if (!fs.existsSync(sources)) {
  process.stderr.write('mq-policy: this installation has no compiled code (dist/ is missing); reinstall mq-policy-harness\n');
  process.exitCode = 1;
} else {
  if (stale) process.stderr.write('mq-policy: dist/ is older than src/ or steps/; running the sources (run `npm run build` to start fast again)\n');
  require('ts-node').register({ transpileOnly: true });
  require(path.join(sources, 'cli', 'main.ts')).runFromProcess();
}
