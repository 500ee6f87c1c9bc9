import { afterEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildServer } from './server-build.js';
import { compiledEntry, serviceNodeArgs } from './service-command.js';

/** A project in miniature: a lib behind a tsconfig path alias, a data file it reads, an app, a spec, the web UI. */
const PROJECT: Record<string, string> = {
  'package.json': JSON.stringify({ type: 'module' }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@hub/greeting': ['./libs/greeting/src/index.ts'], '@hub/greeting/late': ['./libs/greeting/src/late.ts'] } } }),
  'libs/greeting/src/index.ts': [
    "import { readFileSync } from 'node:fs';",
    "const words = JSON.parse(readFileSync(new URL('./words/hello.json', import.meta.url), 'utf8')) as { hello: string };",
    'export const greet = (name: string): string => `${words.hello}, ${name}`;',
  ].join('\n'),
  'libs/greeting/src/words/hello.json': JSON.stringify({ hello: '你好' }),
  'libs/greeting/src/late.ts': "export const late: string = 'late';",
  'apps/hello/src/main.ts': [
    "import { greet } from '@hub/greeting';",
    "const { late } = await import('@hub/greeting/late');",
    "interface Shown { text: string }",
    "const shown: Shown = { text: `${greet('world')} ${late}` };",
    'console.log(shown.text);',
  ].join('\n'),
  'apps/hello/src/main.spec.ts': "throw new Error('a spec is not part of the build');",
  'apps/web/src/app.ts': "throw new Error('the web UI is built by Vite');",
  'scripts/tool.ts': "export const tool: number = 1;",
};

describe('the services’ JavaScript build (dist/server)', () => {
  const roots: string[] = [];
  afterEach(async () => {
    for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
  });

  async function project(): Promise<string> {
    const root = await mkdtemp(join(tmpdir(), 'server-build-'));
    roots.push(root);
    for (const [path, text] of Object.entries(PROJECT)) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    }
    return root;
  }

  const run = (root: string, entry: string): string => execFileSync(process.execPath, serviceNodeArgs(compiledEntry(entry)), { cwd: root, encoding: 'utf8' }).trim();

  it('given the sources, when built, then the app runs as plain node with aliases resolved and data files beside their modules', async () => {
    const root = await project();
    const result = await buildServer(root);
    expect(result).toMatchObject({ built: 5, sources: 5, removed: 0 });
    expect(serviceNodeArgs(compiledEntry('apps/hello/src/main.ts'))).not.toContain('--import');
    expect(run(root, 'apps/hello/src/main.ts')).toBe('你好, world late');
    expect(existsSync(join(root, 'dist/server/apps/hello/src/main.spec.js'))).toBe(false);
    expect(existsSync(join(root, 'dist/server/apps/web'))).toBe(false);
  });

  it('given a build, when nothing changed, then nothing is built again; when one source changed, then only it', async () => {
    const root = await project();
    await buildServer(root);
    expect((await buildServer(root)).built).toBe(0);
    const later = new Date(Date.now() + 5_000);
    await writeFile(join(root, 'libs/greeting/src/index.ts'), "export const greet = (name: string): string => `hi, ${name}`;");
    await utimes(join(root, 'libs/greeting/src/index.ts'), later, later);
    expect((await buildServer(root)).built).toBe(1);
    expect(run(root, 'apps/hello/src/main.ts')).toBe('hi, world late');
  });

  it('given a build, when a source is deleted, then its output and map go too', async () => {
    const root = await project();
    await buildServer(root);
    await rm(join(root, 'scripts/tool.ts'));
    expect(await buildServer(root)).toMatchObject({ built: 0, removed: 2 });
    expect(existsSync(join(root, 'dist/server/scripts/tool.js'))).toBe(false);
  });

  it('given a build, when the path aliases change, then everything is built again', async () => {
    const root = await project();
    await buildServer(root);
    await writeFile(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { paths: { '@hub/greeting': ['./libs/greeting/src/index.ts'] } } }));
    expect((await buildServer(root)).built).toBe(5);
  });

  it('given a wildcard alias, when built, then it fails naming the alias', async () => {
    const root = await project();
    await writeFile(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { paths: { '@hub/*': ['./libs/*/src/index.ts'] } } }));
    await expect(buildServer(root)).rejects.toThrow('"@hub/*"');
  });
});
