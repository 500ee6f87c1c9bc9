import { createServer as createHttpServer, IncomingMessage as NodeIncomingMessage, ServerResponse as NodeServerResponse, type ServerOptions } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsServerOptions } from 'node:https';
import type { Socket } from 'node:net';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';

/** The request and response classes a Node HTTP server is told to make its requests and responses with. */
export type ServerClasses = Required<Pick<ServerOptions, 'IncomingMessage' | 'ServerResponse'>>;

/** Node's constructors called as functions on an object that is already made (they are plain functions in node 20–24). */
type Construct = (this: object, ...args: unknown[]) => void;

/**
 * Request and response classes whose instances are born with `app`'s prototypes (`app.request`, `app.response`:
 * Express's methods, then Node's IncomingMessage/ServerResponse), so Express's `app.handle` finds them already set
 * and its `Object.setPrototypeOf` changes nothing. Why: V8 gives an object whose prototype is changed after it was
 * made a map of its own, and every property Express and the handlers add afterwards (`res`, `baseUrl`, `params`,
 * `route`, `_parsedUrl`, `locals`…) builds yet another map for that one object, so every request had its own maps
 * and every property access that met requests or responses went megamorphic. Born with the prototype, all requests
 * share one chain of maps. Nothing else changes: the constructors are Node's own, run on the new object.
 *
 * Plain functions and not `class extends IncomingMessage`: a class's `prototype` cannot be replaced, and
 * `Reflect.construct` with another new.target gave every instance its own map again (checked in node 20). Undefined
 * where Node's classes are ES classes (they cannot be called on an object made elsewhere): the server is then
 * made as before and Express switches prototypes itself.
 */
export function oneMapClasses(app: Pick<Express, 'request' | 'response'>): ServerClasses | undefined {
  if (isEsClass(NodeIncomingMessage) || isEsClass(NodeServerResponse)) return undefined;
  const request = NodeIncomingMessage as unknown as Construct;
  const response = NodeServerResponse as unknown as Construct;
  // Named as Node's: stack traces (an error page in development, a logged error) name them as before.
  function IncomingMessage(this: object, socket: Socket): void {
    request.call(this, socket);
  }
  function ServerResponse(this: object, req: NodeIncomingMessage, options?: unknown): void {
    response.call(this, req, options);
  }
  IncomingMessage.prototype = app.request;
  ServerResponse.prototype = app.response;
  return { IncomingMessage: IncomingMessage as unknown as ServerClasses['IncomingMessage'], ServerResponse: ServerResponse as unknown as ServerClasses['ServerResponse'] };
}

function isEsClass(constructor: unknown): boolean {
  return /^class\b/.test(Function.prototype.toString.call(constructor));
}

/**
 * Nest's Express adapter with a server made by oneMapClasses (http, or https with the same TLS options). Options
 * that need the adapter's own server handling (return503OnClosing, forceCloseConnections), or Node classes that
 * cannot be called, get Nest's server unchanged.
 */
export class OneMapExpressAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    const app = this.getInstance<Express>();
    const classes = oneMapClasses(app);
    if (classes === undefined || options.return503OnClosing || options.forceCloseConnections) {
      super.initHttpServer(options);
      return;
    }
    const httpsOptions = options.httpsOptions as HttpsServerOptions | undefined;
    this.setHttpServer(httpsOptions ? createHttpsServer({ ...httpsOptions, ...classes }, app) : createHttpServer(classes, app));
  }
}
