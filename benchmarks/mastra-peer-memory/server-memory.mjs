// The Mastra 1.71 peer with memory, for capturing the memory fixtures of mastra-server
// (mastra-server/src/test/resources/fixtures/mastra-1.71-memory/, written by capture-memory.sh and capture-memory-pg.sh).
//
// Same stack as ../mastra-peer/server.mjs (@mastra/core 1.71.0, @mastra/hono, MastraAuthClerk 1.2.3 on a loopback
// LocalClerkIssuer, the fixed-reply LanguageModelV2), plus @mastra/memory 1.31.0 on @mastra/libsql 1.23.0 or
// @mastra/pg 1.27.1:
//   new Memory({storage, options: {lastMessages: 10, workingMemory: {enabled: true, scope: 'resource', template}}})
//
// Environment:
//   PORT (required); CLERK_JWKS_URI, CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY (auth on when all are set);
//   STORAGE_URL: `file:...` or `:memory:` (LibSQLStore, default file:./mastra.db) or `postgresql://...` (PostgresStore);
//   MAP_RESOURCE: `sub` (default; server.auth.mapUserToResourceId = user => user.sub) or `none` (Mastra's default:
//   no mapping, the server only warns and trusts client-supplied resource ids);
//   SHARED_STORAGE: `true` (default; the store is also the Mastra instance's storage) or `false`;
//   RECORD_MODEL_CALLS: `true` (default) or `false` (benchmarks/peer/memory.sh: keep no prompts, so the heap does not
//   grow with the request count).
// The model answers with one fixed sentence; a last user message containing `SLOW` makes it stream one token every
// 100 ms for 100 tokens (for the cancelled-stream case). GET /peer/model-calls (no auth) lists the prompts the model
// received, so the capture can show which history reached it.
// Prints `READY http://127.0.0.1:<port>` on stdout once listening.

process.env.MASTRA_TELEMETRY_DISABLED = '1';

const { Mastra } = await import('@mastra/core/mastra');
const { Agent } = await import('@mastra/core/agent');
const { createTool } = await import('@mastra/core/tools');
const { ConsoleLogger } = await import('@mastra/core/logger');
const { registerApiRoute } = await import('@mastra/core/server');
const { Memory } = await import('@mastra/memory');
const { MastraAuthClerk } = await import('@mastra/auth-clerk');
const { MastraServer } = await import('@mastra/hono');
const { Hono } = await import('hono');
const { serve } = await import('@hono/node-server');
const { z } = await import('zod');
const { requirePort, fixedReplyModel: sharedModel, weatherToolDefinition } = await import('../mastra-peer/peer-model.mjs');

const port = requirePort();
const storageUrl = process.env.STORAGE_URL ?? 'file:./mastra.db';
const mapResource = (process.env.MAP_RESOURCE ?? 'sub') === 'sub';
const recordModelCalls = (process.env.RECORD_MODEL_CALLS ?? 'true') !== 'false';

/** Every prompt the model received, oldest first (roles and text only). */
const modelCalls = [];

function promptSummary(prompt) {
  return (prompt ?? []).map((m) => ({
    role: m.role,
    text: typeof m.content === 'string'
      ? m.content
      : (m.content ?? []).map((p) => (p.type === 'text' ? p.text : `[${p.type}]`)).join(''),
  }));
}

function lastUserText(prompt) {
  const users = (prompt ?? []).filter((m) => m.role === 'user');
  const last = users[users.length - 1];
  if (!last) return '';
  return typeof last.content === 'string' ? last.content : last.content.map((p) => p.text ?? '').join('');
}

/** The fixed-reply model of ../mastra-peer/peer-model.mjs: a stream whose last user message says SLOW is slow. */
function fixedReplyModel() {
  return sharedModel({
    isSlow: (options) => lastUserText(options?.prompt).includes('SLOW'),
    slowTokens: 100,
    slowTokenMs: 100,
    onCall: recordModelCalls
      ? (mode, options) => modelCalls.push({ mode, prompt: promptSummary(options?.prompt) })
      : () => {},
  });
}

async function createStorage() {
  if (storageUrl.startsWith('postgres://') || storageUrl.startsWith('postgresql://')) {
    const { PostgresStore } = await import('@mastra/pg');
    return new PostgresStore({ id: 'memory-storage', connectionString: storageUrl });
  }
  const { LibSQLStore } = await import('@mastra/libsql');
  return new LibSQLStore({ id: 'memory-storage', url: storageUrl });
}

const weatherTool = createTool(weatherToolDefinition(z));

// One store for both, as Mastra's starter has it (storage on the Mastra instance): the memory routes called without
// agentId fall back to the Mastra instance's storage. With SHARED_STORAGE=false the Mastra instance gets none and
// falls back to its in-memory store, so those reads answer 404 for threads that exist in the agent's store.
const storage = await createStorage();
const sharedStorage = (process.env.SHARED_STORAGE ?? 'true') !== 'false';
const memory = new Memory({
  storage,
  options: {
    lastMessages: 10,
    workingMemory: {
      enabled: true,
      scope: 'resource',
      template: '# User\n- Name:\n- Location:\n',
    },
  },
});

const weatherAgent = new Agent({
  id: 'weatherAgent',
  name: 'Weather Agent',
  instructions: 'You answer questions about the weather in one short sentence.',
  model: fixedReplyModel(),
  tools: { weatherTool },
  memory,
});

const { CLERK_JWKS_URI, CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY } = process.env;
const auth = CLERK_JWKS_URI && CLERK_PUBLISHABLE_KEY && CLERK_SECRET_KEY
  ? new MastraAuthClerk({
    jwksUri: CLERK_JWKS_URI,
    publishableKey: CLERK_PUBLISHABLE_KEY,
    secretKey: CLERK_SECRET_KEY,
    ...(mapResource ? { mapUserToResourceId: (user) => user.sub } : {}),
  })
  : undefined;

const apiRoutes = [
  registerApiRoute('/peer/model-calls', {
    method: 'GET',
    requiresAuth: false,
    handler: async (c) => c.json(modelCalls),
  }),
];

const mastra = new Mastra({
  agents: { weatherAgent },
  ...(sharedStorage ? { storage } : {}),
  logger: new ConsoleLogger({ name: 'Mastra', level: 'warn' }),
  server: auth ? { auth, apiRoutes } : { apiRoutes },
});

const app = new Hono();
await new MastraServer({ app, mastra }).init();

serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info) => {
  console.log(`READY http://127.0.0.1:${info.port} (auth: ${auth ? 'clerk' : 'none'}, mapUserToResourceId: ${mapResource ? 'sub' : 'none'}, storage: ${storageUrl.replace(/\/\/[^@]*@/, '//***@')})`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
