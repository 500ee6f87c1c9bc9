// A real OpenID Connect provider (node-oidc-provider) on loopback, standing in for a ministry's identity
// provider in the single sign-on tests. Whoever `signIn` names is the person at the provider: its login
// interaction completes for them at once (with the `amr` they "used"), and consent is granted for the hub.
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from '@hub/runtime';

export interface ProviderPerson {
  sub: string;
  preferred_username: string;
  /** RFC 8176 methods the person used at the provider (e.g. ['pwd'] or ['pwd', 'otp']). */
  amr: string[];
}

export class TestOidcProvider {
  /** The person the next login interaction signs in. */
  person: ProviderPerson = { sub: 'nobody', preferred_username: 'nobody', amr: ['pwd'] };

  private constructor(
    readonly issuer: string,
    private readonly server: Server,
  ) {}

  static async start(client: { clientId: string; clientSecret: string; redirectUri: string }): Promise<TestOidcProvider> {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const people = new Map<string, ProviderPerson>();
    const provider = new Provider(issuer, {
      clients: [{ client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: [client.redirectUri], response_types: ['code'], grant_types: ['authorization_code'] }],
      // `amr` is released in the ID token (how the provider tells the hub a second factor was used).
      claims: { openid: ['sub', 'amr'], profile: ['preferred_username'] },
      findAccount: (_ctx, id) => {
        const person = people.get(id);
        return person ? { accountId: id, claims: () => ({ sub: person.sub, preferred_username: person.preferred_username }) } : undefined;
      },
      pkce: { required: () => true },
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      cookies: { keys: ['net-sword-test-provider'] },
    });
    const callback = provider.callback();
    const self = { current: undefined as TestOidcProvider | undefined };
    const server = createServer((request, response) => {
      if (!request.url?.startsWith('/interaction/')) {
        void callback(request, response);
        return;
      }
      void (async () => {
        const details = await provider.interactionDetails(request, response);
        if (details.prompt.name === 'login') {
          const person = (self.current as TestOidcProvider).person;
          people.set(person.sub, person);
          await provider.interactionFinished(request, response, { login: { accountId: person.sub, amr: person.amr } }, { mergeWithLastSubmission: false });
          return;
        }
        const grant = new provider.Grant({ accountId: String(details.session?.accountId), clientId: String(details.params['client_id']) });
        grant.addOIDCScope(String(details.params['scope']));
        await provider.interactionFinished(request, response, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
      })().catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    self.current = new TestOidcProvider(issuer, server);
    return self.current;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
