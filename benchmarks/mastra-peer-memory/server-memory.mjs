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
//   SHARED_STORAGE: `true` (default; the store is also the Mastra instance's storage) or `false`.
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

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) {
  console.error('PORT must be set to a free loopback port');
  process.exit(2);
}
const storageUrl = process.env.STORAGE_URL ?? 'file:./mastra.db';
const mapResource = (process.env.MAP_RESOURCE ?? 'sub') === 'sub';
const REPLY = 'Sunny, 21 C and a light breeze in London (fixed reply from the in-process mock model).';
const usage = { inputTokens: 8, outputTokens: 16, totalTokens: 24 };
const SLOW_TOKENS = 100;
const SLOW_TOKEN_MS = 100;

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

/** The fixed-reply LanguageModelV2 of ../mastra-peer/server.mjs, with a slow stream on request. */
function fixedReplyModel() {
  let responses = 0;
  const metadata = () => ({ type: 'response-metadata', id: `resp-${++responses}`, modelId: 'fixed-reply', timestamp: new Date() });
  return {
    specificationVersion: 'v2',
    provider: 'harness',
    modelId: 'fixed-reply',
    supportedUrls: {},
    async doGenerate(options) {
      modelCalls.push({ mode: 'generate', prompt: promptSummary(options?.prompt) });
      return {
        content: [{ type: 'text', text: REPLY }],
        finishReason: 'stop',
        usage,
        warnings: [],
        response: { id: `resp-${++responses}`, modelId: 'fixed-reply', timestamp: new Date() },
      };
    },
    async doStream(options) {
      modelCalls.push({ mode: 'stream', prompt: promptSummary(options?.prompt) });
      const signal = options?.abortSignal;
      if (!lastUserText(options?.prompt).includes('SLOW')) {
        const parts = [
          { type: 'stream-start', warnings: [] },
          metadata(),
          { type: 'text-start', id: 'text-1' },
          { type: 'text-delta', id: 'text-1', delta: REPLY },
          { type: 'text-end', id: 'text-1' },
          { type: 'finish', finishReason: 'stop', usage },
        ];
        return {
          stream: new ReadableStream({
            start(controller) {
              for (const part of parts) controller.enqueue(part);
              controller.close();
            },
          }),
        };
      }
      let sent = -2;
      return {
        stream: new ReadableStream({
          async pull(controller) {
            if (signal?.aborted) {
              controller.close();
              return;
            }
            if (sent === -2) {
              controller.enqueue({ type: 'stream-start', warnings: [] });
              controller.enqueue(metadata());
              controller.enqueue({ type: 'text-start', id: 'text-1' });
              sent = 0;
              return;
            }
            if (sent >= SLOW_TOKENS) {
              controller.enqueue({ type: 'text-end', id: 'text-1' });
              controller.enqueue({ type: 'finish', finishReason: 'stop', usage: { inputTokens: 8, outputTokens: SLOW_TOKENS, totalTokens: 8 + SLOW_TOKENS } });
              controller.close();
              return;
            }
            if (sent > 0) await new Promise((resolve) => setTimeout(resolve, SLOW_TOKEN_MS));
            controller.enqueue({ type: 'text-delta', id: 'text-1', delta: `tok${sent} ` });
            sent++;
          },
        }),
      };
    },
  };
}

async function createStorage() {
  if (storageUrl.startsWith('postgres://') || storageUrl.startsWith('postgresql://')) {
    const { PostgresStore } = await import('@mastra/pg');
    return new PostgresStore({ id: 'memory-storage', connectionString: storageUrl });
  }
  const { LibSQLStore } = await import('@mastra/libsql');
  return new LibSQLStore({ id: 'memory-storage', url: storageUrl });
}

const weatherTool = createTool({
  id: 'weatherTool',
  description: 'Get current weather for a location',
  inputSchema: z.object({ location: z.string() }),
  outputSchema: z.object({ location: z.string(), temperature: z.number(), conditions: z.string() }),
  execute: async ({ location }) => ({ location, temperature: 21.0, conditions: 'Sunny' }),
});

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
