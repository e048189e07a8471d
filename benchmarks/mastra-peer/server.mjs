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

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) {
  console.error('PORT must be set to a free loopback port');
  process.exit(2);
}
const slow = (process.env.PEER_MODEL ?? 'fixed') === 'slow';
const slowTokenMs = Number(process.env.SLOW_TOKEN_MS ?? 100);
const slowTokens = Number(process.env.SLOW_TOKENS ?? 300);
const REPLY = 'Sunny, 21 C and a light breeze in London (fixed reply from the in-process mock model).';
const usage = { inputTokens: 8, outputTokens: 16, totalTokens: 24 };

/** A LanguageModelV2 object (the AI SDK 5 provider spec Mastra 1.x drives) that answers without any network. */
function fixedReplyModel() {
  const modelId = slow ? 'slow-reply' : 'fixed-reply';
  let responses = 0;
  const metadata = () => ({ type: 'response-metadata', id: `resp-${++responses}`, modelId, timestamp: new Date() });
  return {
    specificationVersion: 'v2',
    provider: 'harness',
    modelId,
    supportedUrls: {},
    async doGenerate() {
      return {
        content: [{ type: 'text', text: REPLY }],
        finishReason: 'stop',
        usage,
        warnings: [],
        response: { id: `resp-${++responses}`, modelId, timestamp: new Date() },
      };
    },
    async doStream(options) {
      const signal = options?.abortSignal;
      if (!slow) {
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
      // One token per tick, pulled by the reader, so a cancelled request stops the timer chain.
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
            if (sent >= slowTokens) {
              controller.enqueue({ type: 'text-end', id: 'text-1' });
              controller.enqueue({ type: 'finish', finishReason: 'stop', usage: { inputTokens: 8, outputTokens: slowTokens, totalTokens: 8 + slowTokens } });
              controller.close();
              return;
            }
            if (sent > 0) await new Promise((resolve) => setTimeout(resolve, slowTokenMs));
            controller.enqueue({ type: 'text-delta', id: 'text-1', delta: `tok${sent} ` });
            sent++;
          },
        }),
      };
    },
  };
}

const weatherTool = createTool({
  id: 'weatherTool',
  description: 'Get current weather for a location',
  inputSchema: z.object({ location: z.string() }),
  outputSchema: z.object({ location: z.string(), temperature: z.number(), conditions: z.string() }),
  execute: async ({ location }) => ({ location, temperature: 21.0, conditions: 'Sunny' }),
});

const weatherAgent = new Agent({
  id: 'weatherAgent',
  name: 'Weather Agent',
  instructions: 'You answer questions about the weather in one short sentence.',
  model: fixedReplyModel(),
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
