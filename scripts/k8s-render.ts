// `npm run k8s:render`: writes deploy/k8s/ (base + overlays) and deploy/compose/ from libs/runtime/src/k8s.
// The unit spec fails when the committed files differ from a fresh render.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { renderLayout } from '../libs/runtime/src/k8s/render.js';
import { renderComposeFiles } from '../libs/runtime/src/k8s/compose.js';

/** `clean`: the directory holds nothing but rendered files (deploy/k8s); deploy/compose also has its README. */
async function writeTree(root: string, files: Map<string, string>, clean: boolean): Promise<void> {
  if (clean) await rm(root, { recursive: true, force: true });
  for (const [path, text] of files) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  console.log(`${root}: ${files.size} files`);
}

await writeTree('deploy/k8s', renderLayout(), true);
await writeTree('deploy/compose', renderComposeFiles(), false);
