// A Mastra 1.71 server for capturing the parity fixtures of mastra-server
// (mastra-server/src/test/resources/fixtures/mastra-1.71-parity/, written by capture-parity.sh).
//
// Same stack as server.mjs (@mastra/core 1.71.0, @mastra/hono, MastraAuthClerk 1.2.3 on a loopback LocalClerkIssuer),
// plus what the parity checks need:
// - tools with zod input schemas: weatherTool {location: string} and calculatorTool {a: number, b: number,
//   options?: {precision: int >= 0}}, both also on the agent;
// - custom routes through registerApiRoute: GET /custom/public (requiresAuth: false), GET /custom/whoami (protected),
//   POST /custom/items/:id (protected, echoes param, query and JSON body), GET /custom/boom (throws);
// - a loopback stand-in of Clerk's Backend API (GET /v1/users/:id), so that getCurrentUser() never leaves the machine.
//
// Environment: PORT (required), CLERK_JWKS_URI, CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY (auth on when all are set).
// Prints `RESERVED <message>` (what registerApiRoute('/api/...') does at init), then `READY http://127.0.0.1:<port>`.

process.env.MASTRA_TELEMETRY_DISABLED = '1';

const { Mastra } = await import('@mastra/core/mastra');
const { Agent } = await import('@mastra/core/agent');
const { createTool } = await import('@mastra/core/tools');
const { ConsoleLogger } = await import('@mastra/core/logger');
const { registerApiRoute } = await import('@mastra/core/server');
const { MastraAuthClerk } = await import('@mastra/auth-clerk');
const { createClerkClient } = await import('@clerk/backend');
const { MastraServer } = await import('@mastra/hono');
const { Hono } = await import('hono');
const { serve } = await import('@hono/node-server');
const http = await import('node:http');
const { z } = await import('zod');

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) {
  console.error('PORT must be set to a free loopback port');
  process.exit(2);
}

/** The fixed-reply LanguageModelV2 of server.mjs, generate only (the parity captures never stream). */
function fixedReplyModel() {
  return {
    specificationVersion: 'v2',
    provider: 'harness',
    modelId: 'fixed-reply',
    supportedUrls: {},
    async doGenerate() {
      return {
        content: [{ type: 'text', text: 'Fixed reply.' }],
        finishReason: 'stop',
        usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
        warnings: [],
        response: { id: 'resp-1', modelId: 'fixed-reply', timestamp: new Date(0) },
      };
    },
  };
}

const weatherTool = createTool({
  id: 'weatherTool',
  description: 'Get current weather for a location',
  inputSchema: z.object({ location: z.string() }),
  execute: async ({ location }) => ({ location, temperature: 21.0, conditions: 'Sunny' }),
});

const calculatorTool = createTool({
  id: 'calculatorTool',
  description: 'Adds two numbers',
  inputSchema: z.object({
    a: z.number(),
    b: z.number(),
    options: z.object({ precision: z.number().int().min(0) }).optional(),
  }),
  execute: async ({ a, b }) => ({ sum: a + b }),
});

const agent = new Agent({
  id: 'weatherAgent',
  name: 'Weather Agent',
  instructions: 'You answer questions about the weather in one short sentence.',
  model: fixedReplyModel(),
  tools: { weatherTool, calculatorTool },
});

const userOf = (c) => {
  const user = c.get('requestContext')?.get('user');
  return user ? { sub: user.sub ?? user.id ?? null } : null;
};

const apiRoutes = [
  registerApiRoute('/custom/public', {
    method: 'GET',
    requiresAuth: false,
    handler: async (c) => c.json({ ok: true, user: userOf(c) }),
  }),
  registerApiRoute('/custom/whoami', {
    method: 'GET',
    handler: async (c) => c.json({ user: userOf(c) }),
  }),
  registerApiRoute('/custom/items/:id', {
    method: 'POST',
    handler: async (c) => c.json({ id: c.req.param('id'), q: c.req.query('q') ?? null, body: await c.req.json(), user: userOf(c) }),
  }),
  registerApiRoute('/custom/boom', {
    method: 'GET',
    requiresAuth: false,
    handler: async () => {
      throw new Error('boom: internal detail that must not reach the client');
    },
  }),
];

// What a custom route under the API prefix does at init.
try {
  const reserved = new Mastra({
    agents: {},
    logger: new ConsoleLogger({ name: 'Mastra', level: 'error' }),
    server: { apiRoutes: [registerApiRoute('/api/custom', { method: 'GET', handler: async (c) => c.json({}) })] },
  });
  await new MastraServer({ app: new Hono(), mastra: reserved }).init();
  console.log('RESERVED (accepted)');
} catch (e) {
  console.log(`RESERVED ${e?.message ?? e}`);
}

const { CLERK_JWKS_URI, CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY } = process.env;
let auth;
if (CLERK_JWKS_URI && CLERK_PUBLISHABLE_KEY && CLERK_SECRET_KEY) {
  // Clerk's Backend API stand-in: one user, the same one LocalClerkBackendApi serves in the Java tests.
  const backend = http.createServer((req, res) => {
    const match = req.url.match(/^\/v1\/users\/([^/?]+)/);
    if (req.method !== 'GET' || !match) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'resource_not_found' }] }));
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({
      object: 'user', id: decodeURIComponent(match[1]), first_name: 'Ada', last_name: 'Lovelace',
      image_url: 'https://img.example/ada.png', public_metadata: { plan: 'pro' }, private_metadata: {},
      unsafe_metadata: {}, primary_email_address_id: 'idn_1',
      email_addresses: [{ id: 'idn_1', object: 'email_address', email_address: 'ada@example.com', linked_to: [] }],
      phone_numbers: [], web3_wallets: [], external_accounts: [], saml_accounts: [], created_at: 0, updated_at: 0,
    }));
  });
  await new Promise((resolve) => backend.listen(0, '127.0.0.1', resolve));
  auth = new MastraAuthClerk({ jwksUri: CLERK_JWKS_URI, publishableKey: CLERK_PUBLISHABLE_KEY, secretKey: CLERK_SECRET_KEY });
  auth.clerk = createClerkClient({
    secretKey: CLERK_SECRET_KEY,
    publishableKey: CLERK_PUBLISHABLE_KEY,
    apiUrl: `http://127.0.0.1:${backend.address().port}`,
    telemetry: { disabled: true },
  });
}

const mastra = new Mastra({
  agents: { weatherAgent: agent },
  tools: { weatherTool, calculatorTool },
  logger: new ConsoleLogger({ name: 'Mastra', level: 'error' }),
  server: auth ? { auth, apiRoutes } : { apiRoutes },
});

const app = new Hono();
await new MastraServer({ app, mastra }).init();
serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info) => {
  console.log(`READY http://127.0.0.1:${info.port} (auth: ${auth ? 'clerk' : 'none'}, NODE_ENV: ${process.env.NODE_ENV ?? ''})`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
