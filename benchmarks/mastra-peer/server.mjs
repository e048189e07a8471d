// The reference Mastra server that mastra4j is benchmarked against (benchmarks/peer/*.sh).
//
// @mastra/core 1.71.0 + @mastra/hono 1.7.9 on @hono/node-server, MastraAuthClerk 1.2.3 pointed at the same loopback
// LocalClerkIssuer as the Java server. The agent is `weatherAgent` with the same instructions and weather tool as
// BenchServer; its model is an in-process fixed-reply LanguageModelV2 object, so nothing leaves the machine.
//
// Environment: PORT (required), CLERK_JWKS_URI, CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY (auth on when all are set),
// PEER_MODEL=fixed|slow (slow: one token every SLOW_TOKEN_MS=100 for SLOW_TOKENS=300 tokens, i.e. 30 s).
// Prints `READY http://127.0.0.1:<port>` on stdout once listening; on SIGUSR2 prints `MEMORY rss=.. heapUsed=..`.

// Mastra sends anonymous usage events to PostHog unless this is set; the benchmark must stay on loopback.
process.env.MASTRA_TELEMETRY_DISABLED = '1';

const { Mastra } = await import('@mastra/core/mastra');
const { Agent } = await import('@mastra/core/agent');
const { createTool } = await import('@mastra/core/tools');
const { ConsoleLogger } = await import('@mastra/core/logger');
const { MastraAuthClerk } = await import('@mastra/auth-clerk');
const { MastraServer } = await import('@mastra/hono');
const { Hono } = await import('hono');
const { serve } = await import('@hono/node-server');
const { z } = await import('zod');
const { requirePort, fixedReplyModel, weatherToolDefinition } = await import('./peer-model.mjs');

const port = requirePort();
const slow = (process.env.PEER_MODEL ?? 'fixed') === 'slow';
const slowTokenMs = Number(process.env.SLOW_TOKEN_MS ?? 100);
const slowTokens = Number(process.env.SLOW_TOKENS ?? 300);


const weatherTool = createTool(weatherToolDefinition(z));

const weatherAgent = new Agent({
  id: 'weatherAgent',
  name: 'Weather Agent',
  instructions: 'You answer questions about the weather in one short sentence.',
  model: fixedReplyModel({ modelId: slow ? 'slow-reply' : 'fixed-reply', isSlow: () => slow, slowTokens, slowTokenMs }),
  tools: { weatherTool },
});

const { CLERK_JWKS_URI, CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY } = process.env;
const auth = CLERK_JWKS_URI && CLERK_PUBLISHABLE_KEY && CLERK_SECRET_KEY
  ? new MastraAuthClerk({ jwksUri: CLERK_JWKS_URI, publishableKey: CLERK_PUBLISHABLE_KEY, secretKey: CLERK_SECRET_KEY })
  : undefined;

const mastra = new Mastra({
  agents: { weatherAgent },
  // WARN instead of the default INFO, so per-request log lines do not slow the peer down.
  logger: new ConsoleLogger({ name: 'Mastra', level: 'warn' }),
  server: auth ? { auth } : {},
});

const app = new Hono();
const server = new MastraServer({ app, mastra });
await server.init();

serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info) => {
  console.log(`READY http://127.0.0.1:${info.port} (auth: ${auth ? 'clerk' : 'none'}, model: ${weatherAgent.id}/${slow ? 'slow' : 'fixed'})`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));

// Memory probe for the benchmark scripts (the JVM side uses jcmd): a full GC when started with --expose-gc, then one line.
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  console.log(`MEMORY rss=${m.rss} heapUsed=${m.heapUsed} external=${m.external} arrayBuffers=${m.arrayBuffers}`);
});
