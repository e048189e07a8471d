// Runs the official @mastra/client-js, unchanged, against a mastra4j server and fails loudly on any mismatch.
// Usage: BASE_URL=http://127.0.0.1:4111 [MASTRA_TOKEN=...] node check.mjs
import { MastraClient } from '@mastra/client-js';
import { check, finish, unexpected } from './checks.mjs';

const baseUrl = process.env.BASE_URL ?? 'http://localhost:4111';
const agentId = process.env.AGENT_ID ?? 'weatherAgent';
const headers = process.env.MASTRA_TOKEN ? { Authorization: `Bearer ${process.env.MASTRA_TOKEN}` } : {};
const client = new MastraClient({ baseUrl, headers, retries: 0 });


try {
  const agents = await client.listAgents();
  check('listAgents() has the agent', agents && agents[agentId]?.name, agents);

  const details = await client.getAgent(agentId).details();
  check('details() has id, name, instructions', details?.name && typeof details.instructions === 'string', details);
  check('details() lists tools with inputSchema',
    details?.tools && Object.values(details.tools).every(t => t.inputSchema), details?.tools);

  const generated = await client.getAgent(agentId).generate('Weather in London');
  check('generate() returns text', typeof generated?.text === 'string' && generated.text.length > 0, generated);
  check('generate() returns finishReason stop', generated?.finishReason === 'stop', generated?.finishReason);
  check('generate() returns usage', typeof generated?.usage?.totalTokens === 'number', generated?.usage);
  if (process.env.EXPECT_TEXT) {
    check(`generate() text went through the tool (${process.env.EXPECT_TEXT})`, generated?.text?.includes(process.env.EXPECT_TEXT), generated?.text);
  }

  const response = await client.getAgent(agentId).stream('Weather in London');
  const types = [];
  let text = '';
  await response.processDataStream({
    onChunk: async chunk => {
      types.push(chunk.type);
      if (chunk.type === 'text-delta') text += chunk.payload.text;
    },
  });
  check('stream() starts with start and ends with finish', types[0] === 'start' && types.at(-1) === 'finish', types);
  check('stream() carries text deltas', text.length > 0, types);
  if (process.env.EXPECT_TEXT) {
    check('stream() ran the tool loop (tool-call, tool-result)', types.includes('tool-call') && types.includes('tool-result'), types);
    check(`stream() text went through the tool (${process.env.EXPECT_TEXT})`, text.includes(process.env.EXPECT_TEXT), text);
  }
  // Structured output (issue 16): a JSON Schema in, `object` out, after the tool loop.
  const forecastSchema = {
    type: 'object',
    properties: { location: { type: 'string', description: 'City name' }, temperature: { type: 'number' } },
    required: ['location', 'temperature'],
    additionalProperties: false,
  };
  const structured = await client.getAgent(agentId).generate('Weather in London', { structuredOutput: { schema: forecastSchema } });
  check('generate() with structuredOutput returns object',
    typeof structured?.object?.location === 'string' && typeof structured.object.temperature === 'number'
      && structured.text === JSON.stringify(structured.object), structured?.object ?? structured);
  // Tool input that fails the schema resolves with Mastra's validation error object (client-js does not throw).
  const toolId = process.env.TOOL_ID ?? 'weatherTool';
  for (const [name, call] of [
    ['getTool().execute()', () => client.getTool(toolId).execute({ data: { location: 42 } })],
    ['getAgent().executeTool()', () => client.getAgent(agentId).executeTool(toolId, { data: {} })],
  ]) {
    let result;
    try { result = await call(); } catch (e) { result = { thrown: e?.status ?? String(e?.message) }; }
    check(`${name} with bad input resolves with error set`,
      result?.error === true && typeof result.message === 'string'
        && result.message.startsWith(`Tool input validation failed for ${toolId}.`)
        && result.validationErrors?.fields?.location?.errors?.length > 0, result);
  }
  if (process.env.MASTRA_TOKEN) {
    const anonymous = new MastraClient({ baseUrl, retries: 0 });
    let status;
    try { await anonymous.listAgents(); } catch (e) { status = e?.status ?? String(e?.message).match(/\b(401)\b/)?.[1]; }
    check('without a token the server answers 401', String(status) === '401', status);
  }
} catch (e) {
  unexpected(e);
}

finish();
