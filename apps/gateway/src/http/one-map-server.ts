import { createServer as createHttpServer, IncomingMessage as NodeIncomingMessage, ServerResponse as NodeServerResponse, type ServerOptions } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions as HttpsServerOptions } from 'node:https';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Express } from 'express';

/** The request and response classes a Node HTTP server is told to make its requests and responses with. */
export type ServerClasses = Required<Pick<ServerOptions, 'IncomingMessage' | 'ServerResponse'>>;

/**
 * Request and response classes whose instances are born with the prototypes Express gives them (`app.request`,
 * `app.response`), so Express's `app.handle` finds them already set and its `Object.setPrototypeOf` changes nothing.
 * Why: V8 gives an object whose prototype is changed after it was made a map of its own, and every property Express
 * and the handlers add afterwards (`res`, `baseUrl`, `params`, `route`, `_parsedUrl`, `locals`…) builds yet another
 * map for that one object, so every request had its own maps and every property access that met requests or
 * responses went megamorphic. Born with the prototype, all requests share one chain of maps.
 *
 * Subclasses of Node's, whose prototypes take Express's place: the chain becomes class prototype → Express's
 * request (its methods, `app`) → Node's IncomingMessage, and `app.request`/`app.response` are set to the class
 * prototypes (this is the one change to `app`). Subclasses rather than plain functions whose `prototype` is
 * `app.request`: V8 sizes an instance by its constructor's body, and a wrapper function's instances kept Node's
 * ~30 fields out of the object (1.2 µs more per request and response, measured in node 20); `Reflect.construct`
 * with another new.target gave every instance its own map again. Named as Node's classes, so stack traces (an
 * error page in development, a logged error) read as before.
 */
export function oneMapClasses(app: Pick<Express, 'request' | 'response'>): ServerClasses {
  class IncomingMessage extends NodeIncomingMessage {}
  class ServerResponse<Request extends NodeIncomingMessage = NodeIncomingMessage> extends NodeServerResponse<Request> {}
  Object.setPrototypeOf(IncomingMessage.prototype, app.request);
  Object.setPrototypeOf(ServerResponse.prototype, app.response);
  app.request = IncomingMessage.prototype as unknown as Express['request'];
  app.response = ServerResponse.prototype as unknown as Express['response'];
  return { IncomingMessage, ServerResponse };
}

/**
 * Nest's Express adapter with a server made by oneMapClasses (http, or https with the same TLS options). Options
 * that need the adapter's own server handling (return503OnClosing, forceCloseConnections) get Nest's server unchanged.
 */
export class OneMapExpressAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    const app = this.getInstance<Express>();
    if (options.return503OnClosing || options.forceCloseConnections) {
      super.initHttpServer(options);
      return;
    }
    const classes = oneMapClasses(app);
    const httpsOptions = options.httpsOptions as HttpsServerOptions | undefined;
    this.setHttpServer(httpsOptions ? createHttpsServer({ ...httpsOptions, ...classes }, app) : createHttpServer(classes, app));
  }
}
