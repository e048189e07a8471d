// Runs the official @mastra/client-js tool-approval API, unchanged, against a mastra4j server as two signed-in users,
// and fails loudly on any mismatch with Mastra 1.71's wire (mastra-server/src/test/resources/fixtures/
// mastra-1.71-capabilities/approval-*.json) or with mastra4j's ownership rules (only the user who started a run may
// approve or decline it; others get 403 and the run stays suspended; twice gets 409, an unknown run 404).
// Usage: BASE_URL=http://127.0.0.1:4111 TOKEN_A=<alice> TOKEN_B=<bob> node check-approval.mjs
import { MastraClient } from '@mastra/client-js';
import { check, finish, unexpected } from './checks.mjs';

const baseUrl = process.env.BASE_URL ?? 'http://localhost:4111';
const agentId = process.env.AGENT_ID ?? 'weatherAgent';
for (const name of ['TOKEN_A', 'TOKEN_B']) {
  if (!process.env[name]) {
    console.log(`FAIL ${name} is not set: the approval check needs two signed-in users`);
    process.exit(1);
  }
}
const client = token => new MastraClient({ baseUrl, headers: { Authorization: `Bearer ${token}` }, retries: 0 });
const A = client(process.env.TOKEN_A).getAgent(agentId);
const B = client(process.env.TOKEN_B).getAgent(agentId);

/** Runs a call that must fail; resolves with {status, body} of the error, or {status: 'ok'} when it succeeded. */
async function refusal(call) {
  try {
    const value = await call();
    return { status: 'ok', value };
  } catch (e) {
    return { status: e?.status ?? String(e?.message), body: e?.body };
  }
}

async function chunksOf(response) {
  const chunks = [];
  await response.processDataStream({ onChunk: async chunk => { chunks.push(chunk); } });
  return chunks;
}

const ask = 'Weather in London';

try {
  // Stream: tool-call, then tool-call-approval, and no finish.
  const first = await chunksOf(await A.stream(ask, { requireToolApproval: true }));
  const types = first.map(c => c.type);
  check('stream() with requireToolApproval ends with tool-call-approval, after tool-call, without finish',
    types.at(-1) === 'tool-call-approval' && types.at(-2) === 'tool-call' && !types.includes('finish'), types);
  const approval = first.at(-1);
  check('tool-call-approval carries toolCallId, toolName, args and resumeSchema as a JSON string',
    typeof approval?.payload?.toolCallId === 'string' && typeof approval.payload.toolName === 'string'
      && typeof approval.payload.args === 'object' && typeof approval.payload.resumeSchema === 'string'
      && JSON.parse(approval.payload.resumeSchema).required?.[0] === 'approved', approval);
  const runId = approval?.runId;

  const foreign = await refusal(async () => chunksOf(await B.approveToolCall({ runId, toolCallId: approval.payload.toolCallId })));
  check('approveToolCall() by another user: 403', foreign.status === 403 && typeof foreign.body?.error === 'string', foreign);

  const rest = await chunksOf(await A.approveToolCall({ runId, toolCallId: approval.payload.toolCallId }));
  const restTypes = rest.map(c => c.type);
  check('approveToolCall() by the owner streams from tool-result (no start) to finish',
    restTypes[0] === 'tool-result' && !restTypes.includes('start') && restTypes.at(-1) === 'finish', restTypes);
  check('approveToolCall() carries the same runId', rest.every(c => c.runId === runId), rest.map(c => c.runId));
  check('approveToolCall() ends with text', rest.some(c => c.type === 'text-delta'), restTypes);

  const again = await refusal(async () => chunksOf(await A.approveToolCall({ runId, toolCallId: approval.payload.toolCallId })));
  check('approveToolCall() twice: 409', again.status === 409, again);
  const unknown = await refusal(() => A.approveToolCallGenerate({ runId: 'no-such-run', toolCallId: 'call-1' }));
  check('approveToolCallGenerate() of an unknown run: 404', unknown.status === 404
    && String(unknown.body?.error).includes('could not find a suspended run'), unknown);

  // Generate: finishReason suspended, with runId, suspendPayload and resumeSchema.
  const suspended = await A.generate(ask, { requireToolApproval: true });
  check('generate() with requireToolApproval: finishReason suspended, runId, suspendPayload, resumeSchema',
    suspended?.finishReason === 'suspended' && typeof suspended.runId === 'string'
      && typeof suspended.suspendPayload?.toolCallId === 'string' && typeof suspended.resumeSchema === 'string',
    suspended);
  const denied = await refusal(() => B.approveToolCallGenerate({ runId: suspended.runId, toolCallId: suspended.suspendPayload.toolCallId }));
  check('approveToolCallGenerate() by another user: 403', denied.status === 403, denied);
  const done = await A.approveToolCallGenerate({ runId: suspended.runId, toolCallId: suspended.suspendPayload.toolCallId });
  check('approveToolCallGenerate() by the owner runs the tool and finishes',
    done?.finishReason === 'stop' && typeof done.text === 'string' && done.text.length > 0
      && Array.isArray(done.toolResults) && done.toolResults.length === 1, done);

  // Decline, streamed and generate-shaped.
  const toDecline = await A.generate(ask, { requireToolApproval: true });
  const declined = await chunksOf(await A.declineToolCall({ runId: toDecline.runId, toolCallId: toDecline.suspendPayload.toolCallId }));
  check('declineToolCall() streams tool-output-denied (approval.approved false) then the answer',
    declined[0]?.type === 'tool-output-denied' && declined[0].payload?.approval?.approved === false
      && declined.at(-1)?.type === 'finish', declined.map(c => c.type));
  const toDecline2 = await A.generate(ask, { requireToolApproval: true });
  const declinedGenerate = await A.declineToolCallGenerate({ runId: toDecline2.runId, toolCallId: toDecline2.suspendPayload.toolCallId });
  check('declineToolCallGenerate() answers without the tool',
    declinedGenerate?.finishReason === 'stop' && typeof declinedGenerate.text === 'string', declinedGenerate);
} catch (e) {
  unexpected(e);
}
finish();
