// `npm run build:server` (run by `npm start` first): the services' TypeScript transpiled into dist/server, so each
// service process runs plain JavaScript with no loader. Incremental: seconds on a fresh clone, well under one when
// nothing changed.
import { resolve } from 'node:path';
import { buildServer } from '../libs/runtime/src/build/server-build.js';

const started = performance.now();
const result = await buildServer(resolve(import.meta.dirname, '..'));
const took = Math.round(performance.now() - started);
console.log(`[build:server] ${result.built} of ${result.sources} files built${result.removed > 0 ? `, ${result.removed} stale removed` : ''} into ${result.outDir} (${took} ms)`);
