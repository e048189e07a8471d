// What the Mastra peers (server.mjs here, ../mastra-peer-memory/server-memory.mjs) share: the fixed-reply
// LanguageModelV2 object, the weather tool's definition and the PORT check. No package imports, so the file resolves
// the same from either peer's directory; the caller passes what needs one (createTool, z).

export const REPLY = 'Sunny, 21 C and a light breeze in London (fixed reply from the in-process mock model).';
export const usage = { inputTokens: 8, outputTokens: 16, totalTokens: 24 };

/** PORT from the environment; exits with status 2 when it is not a positive integer. */
export function requirePort() {
  const port = Number(process.env.PORT);
  if (!Number.isInteger(port) || port <= 0) {
    console.error('PORT must be set to a free loopback port');
    process.exit(2);
  }
  return port;
}

/**
 * A LanguageModelV2 object (the AI SDK 5 provider spec Mastra 1.x drives) that answers without any network: REPLY in
 * one part, or, when isSlow(options) holds for a stream call, one token every slowTokenMs for slowTokens tokens,
 * pulled by the reader so that a cancelled request stops the timer chain. onCall(mode, options) sees every call.
 */
export function fixedReplyModel({ modelId = 'fixed-reply', isSlow = () => false, slowTokens = 300, slowTokenMs = 100, onCall = () => {} } = {}) {
  let responses = 0;
  const metadata = () => ({ type: 'response-metadata', id: `resp-${++responses}`, modelId, timestamp: new Date() });
  return {
    specificationVersion: 'v2',
    provider: 'harness',
    modelId,
    supportedUrls: {},
    async doGenerate(options) {
      onCall('generate', options);
      return {
        content: [{ type: 'text', text: REPLY }],
        finishReason: 'stop',
        usage,
        warnings: [],
        response: { id: `resp-${++responses}`, modelId, timestamp: new Date() },
      };
    },
    async doStream(options) {
      onCall('stream', options);
      const signal = options?.abortSignal;
      if (!isSlow(options)) {
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

/** The weather tool of BenchServer: createTool(weatherToolDefinition(z)). */
export function weatherToolDefinition(z) {
  return {
    id: 'weatherTool',
    description: 'Get current weather for a location',
    inputSchema: z.object({ location: z.string() }),
    outputSchema: z.object({ location: z.string(), temperature: z.number(), conditions: z.string() }),
    execute: async ({ location }) => ({ location, temperature: 21.0, conditions: 'Sunny' }),
  };
}
