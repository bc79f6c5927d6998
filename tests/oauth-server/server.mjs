// A real, OpenID-certified OAuth 2.0 server (node-oidc-provider, from npm) dressed as a
// Salesforce org for the conformance tests (tests/tests/oauth_conformance.rs): Salesforce's
// OAuth paths, a confidential client, PKCE required, an exact loopback redirect URI, refresh
// tokens for the `refresh_token` scope, RFC 7009 revocation (client authentication required)
// and optional refresh-token rotation. What only Salesforce has (instance_url in the token
// answer, userinfo for API tokens, record counts) is a thin layer that checks the bearer
// token with the provider itself. Nothing here is sfconnect's code.
//
// Environment: CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, ROTATE ("1" = rotation on).
// Prints "listening PORT" on stdout when ready. Test controls: POST /_test/rotate?on=1|0,
// POST /_test/api?down=1|0 (userinfo and queries answer 503), GET /_test/live (how many
// refresh tokens the provider would still honour).
import { createServer } from "node:http";
import Provider from "oidc-provider";

// Listen first (any free port), so the issuer can name the port the kernel gave.
const server = createServer();
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = server.address().port;
const issuer = `http://127.0.0.1:${port}`;
let rotate = process.env.ROTATE === "1";
let apiDown = false;
/** Every refresh token the provider saved (opaque tokens: the id is the value). */
const issued = new Set();

const ACCOUNT = {
  sub: "005OIDCUSER000001",
  organization_id: "00DOIDCORG0000001",
  preferred_username: "admin@oidc-org.example",
  name: "Olive Oidc",
  email: "admin@oidc-org.example",
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: [process.env.REDIRECT_URI],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    },
  ],
  routes: {
    authorization: "/services/oauth2/authorize",
    token: "/services/oauth2/token",
    revocation: "/services/oauth2/revoke",
    introspection: "/services/oauth2/introspect",
    userinfo: "/oidc/userinfo",
    jwks: "/oidc/jwks",
  },
  scopes: ["openid", "offline_access", "api", "refresh_token", "web"],
  features: {
    devInteractions: { enabled: false },
    revocation: { enabled: true },
    introspection: { enabled: true },
  },
  pkce: { required: () => true },
  issueRefreshToken: async (_ctx, client, code) =>
    client.grantTypeAllowed("refresh_token") && code.scopes.has("refresh_token"),
  rotateRefreshToken: () => rotate,
  findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ ...ACCOUNT, sub: id }) }),
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ["conformance-test-only"] },
});

/** The account behind a bearer access token, or null. */
async function bearer(ctx) {
  const value = (ctx.get("authorization").match(/^Bearer (.+)$/) || [])[1];
  const token = value && (await provider.AccessToken.find(value));
  return token ? token.accountId : null;
}

provider.use(async (ctx, next) => {
  // The admin signs in and allows at once (a headless browser follows the redirects).
  if (ctx.method === "GET" && ctx.path.startsWith("/interaction/")) {
    const { prompt, params, session, grantId } = await provider.interactionDetails(ctx.req, ctx.res);
    let result;
    if (prompt.name === "login") {
      result = { login: { accountId: ACCOUNT.sub } };
    } else {
      const grant = grantId
        ? await provider.Grant.find(grantId)
        : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
      grant.addOIDCScope(String(params.scope));
      result = { consent: { grantId: await grant.save() } };
    }
    ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result));
    return;
  }
  if (ctx.method === "POST" && ctx.path === "/_test/rotate") {
    rotate = ctx.query.on === "1";
    ctx.status = 204;
    return;
  }
  if (ctx.method === "POST" && ctx.path === "/_test/api") {
    apiDown = ctx.query.down === "1";
    ctx.status = 204;
    return;
  }
  if (ctx.method === "GET" && ctx.path === "/_test/live") {
    let live = 0;
    for (const id of issued) {
      const token = await provider.RefreshToken.find(id);
      if (token && !token.isExpired && !token.consumed && (await provider.Grant.find(token.grantId))) live += 1;
    }
    ctx.body = { live };
    return;
  }
  if (apiDown && (ctx.path === "/services/oauth2/userinfo" || ctx.path.startsWith("/services/data/"))) {
    ctx.status = 503;
    ctx.body = [{ errorCode: "SERVER_UNAVAILABLE", message: "down for the test" }];
    return;
  }
  // Salesforce's userinfo answers API tokens (no `openid` scope needed).
  if (ctx.path === "/services/oauth2/userinfo") {
    const account = await bearer(ctx);
    if (!account) return void (ctx.status = 401);
    ctx.body = { ...ACCOUNT, user_id: account };
    return;
  }
  if (/^\/services\/data\/v[\d.]+\/query\/?$/.test(ctx.path)) {
    if (!(await bearer(ctx))) return void (ctx.status = 401);
    ctx.body = { totalSize: 42, done: true, records: [] };
    return;
  }
  await next();
  // Salesforce's token answer says where the org's APIs live.
  if (ctx.path === "/services/oauth2/token" && ctx.status === 200 && ctx.body && typeof ctx.body === "object") {
    ctx.body.instance_url = issuer;
  }
});

provider.on("refresh_token.saved", (token) => issued.add(token.jti));

server.on("request", provider.callback());
console.log(`listening ${port}`);
