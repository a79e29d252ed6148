#!/usr/bin/env node
// Entry point of the `zhuanban` command; the TypeScript sources are compiled to dist/ by `npm run build`.
require('../dist/cli/main.js').main(process.argv.slice(2));
