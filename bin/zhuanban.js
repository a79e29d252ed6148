#!/usr/bin/env node
// Entry point of the `zhuanban` command. It runs the build in dist/ (`npm run build`, which
// `npm install` and `npm ci` run through `prepare`) — or the TypeScript sources when Node was
// started with `--import tsx`, as tests and the benchmark do, so they never run a stale build.
const fromSource = typeof require('node:module')._extensions['.ts'] === 'function';
require(fromSource ? '../cli/main.ts' : '../dist/cli/main.js').main(process.argv.slice(2));
