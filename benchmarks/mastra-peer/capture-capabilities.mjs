// Captures what Mastra 1.71 puts on the wire for issue 16's agent capabilities: per-request configuration (dynamic
// instructions, model and tools with SimpleAuth users), structured output (generate and stream, a non-matching answer,
// a bad schema), tool approval (stream, approve/decline, the -generate variants, unknown and repeated runIds) and model
// fallbacks (a failing primary, a 4xx). Runs Mastra in this process on loopback with scripted LanguageModelV2 objects,
// and writes one JSON file per request into OUT (default
// mastra-server/src/test/resources/fixtures/mastra-1.71-capabilities): {request, status, body} for JSON answers,
// {request, status, chunks} for streams, plus `model-calls-*.json` with what the model was sent (response format,
// tools offered). Run: cd benchmarks/mastra-peer && npm ci && node capture-capabilities.mjs
process.env.MASTRA_TELEMETRY_DISABLED = '1';

const { Mastra } = await import('@mastra/core/mastra');
const { Agent } = await import('@mastra/core/agent');
const { createTool } = await import('@mastra/core/tools');
const { ConsoleLogger } = await import('@mastra/core/logger');
const { SimpleAuth } = await import('@mastra/core/server');
const { MastraServer } = await import('@mastra/hono');
const { Hono } = await import('hono');
const { serve } = await import('@hono/node-server');
const { APICallError } = await import('@ai-sdk/provider');
const { z } = await import('zod');
const fs = await import('node:fs');
const path = await import('node:path');
const url = await import('node:url');

const here = path.dirname(url.fileURLToPath(import.meta.url));
const out = process.env.OUT ?? path.join(here, '../../mastra-server/src/test/resources/fixtures/mastra-1.71-capabilities');
fs.mkdirSync(out, { recursive: true });

const usage = { inputTokens: 3, outputTokens: 5, totalTokens: 8 };
const calls = {};

/** The text of the prompt's last user message. */
function lastUser(options) {
  const users = options.prompt.filter((m) => m.role === 'user');
  const last = users[users.length - 1];
  return last ? last.content.map((p) => p.text ?? '').join('') : '';
}
const hasToolResult = (options) => options.prompt.some((m) => m.role === 'tool');

/**
 * A scripted model: "call <toolName>" in the last user message makes the first step call that tool; with a JSON
 * response format it answers `json` (or a non-matching object when the message says "bad json"); else plain text.
 */
function scriptedModel(modelId, { json = { city: 'London', temperature: 21 }, fail } = {}) {
  const answer = (options) => {
    (calls[modelId] ??= []).push({
      responseFormat: options.responseFormat ?? null,
      tools: (options.tools ?? []).map((t) => t.name),
      toolChoice: options.toolChoice ?? null,
      prompt: options.prompt.map((m) => m.role),
    });
    if (fail) throw fail();
    const user = lastUser(options);
    const wanted = /call (\w+)/.exec(user);
    if (wanted && !hasToolResult(options)) {
      return { toolCall: { toolCallId: 'call-1', toolName: wanted[1], input: JSON.stringify({ location: 'London' }) } };
    }
    if (options.responseFormat?.type === 'json') {
      return { text: JSON.stringify(user.includes('bad json') ? { city: 42 } : json) };
    }
    return { text: `Answer from ${modelId}.` };
  };
  const meta = { id: `resp-${modelId}`, modelId, timestamp: new Date(0) };
  return {
    specificationVersion: 'v2',
    provider: 'harness',
    modelId,
    supportedUrls: {},
    async doGenerate(options) {
      const a = answer(options);
      const content = a.toolCall ? [{ type: 'tool-call', ...a.toolCall }] : [{ type: 'text', text: a.text }];
      return { content, finishReason: a.toolCall ? 'tool-calls' : 'stop', usage, warnings: [], response: meta };
    },
    async doStream(options) {
      const a = answer(options);
      const parts = [{ type: 'stream-start', warnings: [] }, { type: 'response-metadata', ...meta }];
      if (a.toolCall) {
        parts.push({ type: 'tool-call', ...a.toolCall });
      } else {
        parts.push({ type: 'text-start', id: 't1' });
        // Split JSON in two deltas so that partial object chunks show.
        const half = Math.floor(a.text.length / 2);
        parts.push({ type: 'text-delta', id: 't1', delta: a.text.slice(0, half) });
        parts.push({ type: 'text-delta', id: 't1', delta: a.text.slice(half) });
        parts.push({ type: 'text-end', id: 't1' });
      }
      parts.push({ type: 'finish', finishReason: a.toolCall ? 'tool-calls' : 'stop', usage });
      return {
        stream: new ReadableStream({
          start(c) {
            for (const p of parts) c.enqueue(p);
            c.close();
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
  execute: async ({ location }) => ({ location, temperature: 21, conditions: 'Sunny' }),
});
const adminTool = createTool({
  id: 'adminTool',
  description: 'Only for org admins',
  inputSchema: z.object({ location: z.string() }),
  execute: async () => ({ done: true }),
});
const approvalTool = createTool({
  id: 'approvalTool',
  description: 'Needs a yes first',
  requireApproval: true,
  inputSchema: z.object({ location: z.string() }),
  execute: async ({ location }) => ({ booked: location }),
});

const isAdmin = (rc) => (rc.get('user')?.permissions ?? []).includes('org:weather:admin');
const dynamicAgent = new Agent({
  id: 'dynamicAgent',
  name: 'Dynamic Agent',
  instructions: ({ requestContext }) => `You help ${requestContext.get('user')?.name ?? 'a guest'}.`,
  model: ({ requestContext }) => scriptedModel(isAdmin(requestContext) ? 'admin-model' : 'user-model'),
  tools: ({ requestContext }) => (isAdmin(requestContext) ? { weatherTool, adminTool } : { weatherTool }),
});
const weatherAgent = new Agent({
  id: 'weatherAgent',
  name: 'Weather Agent',
  instructions: 'You answer questions about the weather.',
  model: scriptedModel('fixed'),
  tools: { weatherTool, approvalTool },
});
const fallbackAgent = new Agent({
  id: 'fallbackAgent',
  name: 'Fallback Agent',
  instructions: 'Fallbacks.',
  model: [
    {
      model: scriptedModel('primary-500', {
        fail: () => new APICallError({ message: 'upstream 500', url: 'http://x', requestBodyValues: {}, statusCode: 500, isRetryable: true }),
      }),
      maxRetries: 1,
    },
    { model: scriptedModel('secondary'), maxRetries: 0 },
  ],
});
const badRequestAgent = new Agent({
  id: 'badRequestAgent',
  name: 'Bad Request Agent',
  instructions: 'A 400 first.',
  model: [
    {
      model: scriptedModel('primary-400', {
        fail: () => new APICallError({ message: 'bad request', url: 'http://x', requestBodyValues: {}, statusCode: 400, isRetryable: false }),
      }),
      maxRetries: 2,
    },
    { model: scriptedModel('secondary-unused'), maxRetries: 0 },
  ],
});

const users = {
  'tok-admin': { id: 'user_admin', name: 'Ada', permissions: ['org:weather:admin'] },
  'tok-user': { id: 'user_plain', name: 'Bob', permissions: [] },
};
const mastra = new Mastra({
  agents: { dynamicAgent, weatherAgent, fallbackAgent, badRequestAgent },
  logger: new ConsoleLogger({ name: 'Mastra', level: 'error' }),
  server: { auth: new SimpleAuth({ tokens: users }) },
});
const app = new Hono();
await new MastraServer({ app, mastra }).init();
const server = await new Promise((resolve) => {
  const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
});
const base = `http://127.0.0.1:${server.address().port}`;

async function capture(name, method, p, { token = 'tok-user', body } = {}) {
  const res = await fetch(base + p, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const request = { method, path: p, token, ...(body ? { body } : {}) };
  let record;
  if ((res.headers.get('content-type') ?? '').includes('event-stream') || text.startsWith('data:')) {
    const chunks = text
      .split('\n\n')
      .map((f) => f.replace(/^data: /, '').trim())
      .filter((f) => f && f !== '[DONE]')
      .map((f) => { try { return JSON.parse(f); } catch { return f; } });
    record = { request, status: res.status, chunks };
  } else {
    let parsed;
    try { parsed = JSON.parse(text); } catch { parsed = text; }
    record = { request, status: res.status, body: parsed };
  }
  fs.writeFileSync(path.join(out, `${name}.json`), JSON.stringify(record, null, 2) + '\n');
  console.log(`${name}: ${res.status}`);
  return record;
}
const msg = (text) => [{ role: 'user', content: text }];
const citySchema = {
  type: 'object',
  properties: { city: { type: 'string', description: 'City name' }, temperature: { type: 'number' } },
  required: ['city', 'temperature'],
  additionalProperties: false,
};

// 1. Per-request configuration.
await capture('dynamic-agent-admin', 'GET', '/api/agents/dynamicAgent', { token: 'tok-admin' });
await capture('dynamic-agent-user', 'GET', '/api/agents/dynamicAgent', { token: 'tok-user' });
await capture('dynamic-agent-tool-user', 'GET', '/api/agents/dynamicAgent/tools/adminTool', { token: 'tok-user' });
await capture('dynamic-generate-user-asks-admin-tool', 'POST', '/api/agents/dynamicAgent/generate', {
  body: { messages: msg('call adminTool') },
});
await capture('dynamic-generate-admin', 'POST', '/api/agents/dynamicAgent/generate', {
  token: 'tok-admin', body: { messages: msg('hello') },
});

// 2. Structured output.
await capture('structured-generate', 'POST', '/api/agents/weatherAgent/generate', {
  body: { messages: msg('weather?'), structuredOutput: { schema: citySchema } },
});
await capture('structured-stream', 'POST', '/api/agents/weatherAgent/stream', {
  body: { messages: msg('weather?'), structuredOutput: { schema: citySchema } },
});
await capture('structured-generate-with-tool', 'POST', '/api/agents/weatherAgent/generate', {
  body: { messages: msg('call weatherTool'), structuredOutput: { schema: citySchema } },
});
await capture('structured-generate-mismatch', 'POST', '/api/agents/weatherAgent/generate', {
  body: { messages: msg('bad json'), structuredOutput: { schema: citySchema } },
});
await capture('structured-stream-mismatch', 'POST', '/api/agents/weatherAgent/stream', {
  body: { messages: msg('bad json'), structuredOutput: { schema: citySchema } },
});
await capture('structured-generate-bad-schema', 'POST', '/api/agents/weatherAgent/generate', {
  body: { messages: msg('weather?'), structuredOutput: { schema: 'not a schema' } },
});
fs.writeFileSync(path.join(out, 'model-calls-structured.json'), JSON.stringify(calls.fixed ?? [], null, 2) + '\n');

// 3. Tool approval.
const s1 = await capture('approval-stream', 'POST', '/api/agents/weatherAgent/stream', {
  body: { messages: msg('call weatherTool'), requireToolApproval: true },
});
const runId1 = s1.chunks.find((c) => c.type === 'tool-call-approval')?.runId;
await capture('approval-approve-other-user', 'POST', '/api/agents/weatherAgent/approve-tool-call', {
  token: 'tok-admin', body: { runId: runId1, toolCallId: 'call-1' },
});
await capture('approval-approve', 'POST', '/api/agents/weatherAgent/approve-tool-call', {
  body: { runId: runId1, toolCallId: 'call-1' },
});
await capture('approval-approve-again', 'POST', '/api/agents/weatherAgent/approve-tool-call', {
  body: { runId: runId1, toolCallId: 'call-1' },
});
const s2 = await capture('approval-stream-tool-flag', 'POST', '/api/agents/weatherAgent/stream', {
  body: { messages: msg('call approvalTool') },
});
const runId2 = s2.chunks.find((c) => c.type === 'tool-call-approval')?.runId;
await capture('approval-decline', 'POST', '/api/agents/weatherAgent/decline-tool-call', {
  body: { runId: runId2, toolCallId: 'call-1' },
});
await capture('approval-approve-unknown', 'POST', '/api/agents/weatherAgent/approve-tool-call', {
  body: { runId: 'no-such-run', toolCallId: 'call-1' },
});
const g1 = await capture('approval-generate', 'POST', '/api/agents/weatherAgent/generate', {
  body: { messages: msg('call weatherTool'), requireToolApproval: true },
});
await capture('approval-approve-generate', 'POST', '/api/agents/weatherAgent/approve-tool-call-generate', {
  body: { runId: g1.body.runId, toolCallId: 'call-1' },
});
const g2 = await capture('approval-generate-2', 'POST', '/api/agents/weatherAgent/generate', {
  body: { messages: msg('call weatherTool'), requireToolApproval: true },
});
await capture('approval-decline-generate', 'POST', '/api/agents/weatherAgent/decline-tool-call-generate', {
  body: { runId: g2.body.runId, toolCallId: 'call-1' },
});

// 4. Model fallbacks.
await capture('fallback-agent', 'GET', '/api/agents/fallbackAgent');
await capture('fallback-generate', 'POST', '/api/agents/fallbackAgent/generate', { body: { messages: msg('hi') } });
await capture('fallback-generate-400', 'POST', '/api/agents/badRequestAgent/generate', { body: { messages: msg('hi') } });
fs.writeFileSync(
  path.join(out, 'model-calls-fallback.json'),
  JSON.stringify(
    Object.fromEntries(['primary-500', 'secondary', 'primary-400', 'secondary-unused'].map((k) => [k, (calls[k] ?? []).length])),
    null,
    2,
  ) + '\n',
);
server.close();
console.log(`fixtures in ${out}`);
process.exit(0);
