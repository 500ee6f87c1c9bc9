import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Application, Request, Response } from 'express';

/**
 * Where `npm run build:web` puts the UI: `<repo>/dist/web`, from this module at `<repo>/apps/gateway/src/web/`
 * or, built, at `<repo>/dist/server/apps/gateway/src/web/`.
 */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL(import.meta.url.endsWith('.js') ? '../../../../../web' : '../../../../dist/web', import.meta.url));

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>网剑行动数据共享平台</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto"><h1>界面尚未构建</h1>
<p>请在项目目录运行 <code>npm run build:web</code>（<code>npm start</code> 会自动构建），然后刷新本页。API 不受影响：<a href="/api/docs">/api/docs</a>。</p></body></html>`;

/**
 * Serves the coordinators' web UI (a static Vite build; hash routing, so only `/` and `/assets/*`).
 * Asset names carry content hashes and may be cached for good; index.html must always be revalidated.
 */
export function serveWebUi(app: NestExpressApplication, webRoot: string = DEFAULT_WEB_ROOT): void {
  if (!existsSync(join(webRoot, 'index.html'))) {
    (app.getHttpAdapter().getInstance() as Application).get('/', (_request: Request, response: Response) => {
      response.type('html').send(NOT_BUILT);
    });
    return;
  }
  app.useStaticAssets(webRoot, {
    index: 'index.html',
    setHeaders: (response: Response, path: string) => {
      response.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
