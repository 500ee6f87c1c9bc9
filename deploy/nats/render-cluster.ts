// Regenerates the committed production cluster files from libs/runtime (placeholders for the nkeys):
//   node --import @swc-node/register/esm-register deploy/nats/render-cluster.ts
// libs/runtime/src/nats-config.spec.ts fails when these files drift from the renderer.
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { productionClusterFiles } from '../../libs/runtime/src/index.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'cluster');
for (const [name, text] of Object.entries(productionClusterFiles())) {
  await writeFile(join(dir, name), text);
  console.log(`wrote ${join(dir, name)}`);
}
