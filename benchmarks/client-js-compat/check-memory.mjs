// Runs the official @mastra/client-js memory API, unchanged, against a mastra4j server with memory, as two signed-in
// users, and fails loudly on any mismatch with Mastra 1.71's wire (docs/MEMORY-OBSERVED.md).
// Usage: BASE_URL=http://127.0.0.1:4111 TOKEN_A=<alice> TOKEN_B=<bob> node check-memory.mjs
// TOKEN_A and TOKEN_B are session tokens of two different users (sub RESOURCE_A / RESOURCE_B, default user_alice and
// user_bob); the server must map each user to its own resource (mastra4j's Clerk default: the sub).
import { MastraClient } from '@mastra/client-js';
import { check, finish, unexpected } from './checks.mjs';

const baseUrl = process.env.BASE_URL ?? 'http://localhost:4111';
const agentId = process.env.AGENT_ID ?? 'weatherAgent';
const alice = process.env.RESOURCE_A ?? 'user_alice';
const bob = process.env.RESOURCE_B ?? 'user_bob';
for (const name of ['TOKEN_A', 'TOKEN_B']) {
  if (!process.env[name]) {
    console.log(`FAIL ${name} is not set: the memory check needs two signed-in users`);
    process.exit(1);
  }
}
const client = token => new MastraClient({ baseUrl, headers: { Authorization: `Bearer ${token}` }, retries: 0 });
const A = client(process.env.TOKEN_A);
const B = client(process.env.TOKEN_B);

/** Runs a call that must fail; resolves with {status, body} of the error, or {status: 'ok'} when it succeeded. */
async function refusal(call) {
  try {
    const value = await call();
    return { status: 'ok', value };
  } catch (e) {
    return { status: e?.status ?? String(e?.message), body: e?.body };
  }
}
const DENIED = 'Access denied: thread belongs to a different resource';
function checkDenied(name, result, error = DENIED) {
  check(`${name}: 403 ${error}`, result.status === 403 && result.body?.error === error, result);
}
const text = message => message?.content?.content
  ?? message?.content?.parts?.filter(p => p.type === 'text').map(p => p.text).join('')
  ?? (typeof message?.content === 'string' ? message.content : undefined);

// Unique per run, so the check also holds against a storage file that outlives one run.
const run = `${Date.now().toString(36)}-${process.pid}`;
const threadId = `cjs-alice-${run}`;
const genThread = `cjs-alice-gen-${run}`;
const streamThread = `cjs-alice-stream-${run}`;

try {
  const status = await A.getMemoryStatus(agentId);
  check('getMemoryStatus() reports memory', status?.result === true, status);

  const config = await A.getMemoryConfig({ agentId });
  check('getMemoryConfig() returns a config with lastMessages',
    config?.config && (typeof config.config.lastMessages === 'number' || config.config.lastMessages === false), config);

  const created = await A.createMemoryThread({
    agentId, threadId, resourceId: alice, title: 'Alice in London', metadata: { topic: 'weather' },
  });
  check('createMemoryThread() returns the thread, owned by the caller',
    created?.id === threadId && created.resourceId === alice && created.title === 'Alice in London'
      && created.metadata?.topic === 'weather', created);

  const own = await A.listMemoryThreads({ resourceId: alice, agentId });
  check('listMemoryThreads() lists the new thread',
    Array.isArray(own?.threads) && own.threads.some(t => t.id === threadId) && typeof own.total === 'number'
      && own.page === 0 && typeof own.perPage === 'number' && typeof own.hasMore === 'boolean', own);
  check('listMemoryThreads() shows only the caller\'s threads', own.threads.every(t => t.resourceId === alice), own);
  const bobsView = await B.listMemoryThreads({ resourceId: alice, agentId });
  check('listMemoryThreads() by another user naming this resource does not show the thread',
    Array.isArray(bobsView?.threads) && !bobsView.threads.some(t => t.id === threadId)
      && bobsView.threads.every(t => t.resourceId === bob), bobsView);

  const thread = A.getMemoryThread({ threadId, agentId });
  const got = await thread.get();
  check('getMemoryThread().get() returns the thread', got?.id === threadId && got.resourceId === alice, got);
  const updated = await thread.update({ title: 'Alice, renamed', metadata: { topic: 'rain' } });
  check('getMemoryThread().update() changes title and metadata',
    updated?.title === 'Alice, renamed' && updated.metadata?.topic === 'rain' && updated.resourceId === alice, updated);

  const saved = await A.saveMessageToMemory({
    agentId,
    messages: [{
      id: `${threadId}-m1`, threadId, resourceId: alice, role: 'user', createdAt: new Date(),
      content: { format: 2, parts: [{ type: 'text', text: 'Saved by Alice' }], content: 'Saved by Alice' },
    }],
  });
  check('saveMessageToMemory() echoes the message', saved?.messages?.length === 1 && saved.messages[0].id === `${threadId}-m1`, saved);
  const listed = await thread.listMessages();
  check('listMessages() returns the saved message',
    listed?.messages?.length === 1 && text(listed.messages[0]) === 'Saved by Alice' && listed.total === 1
      && listed.page === 0 && listed.perPage === 40 && listed.hasMore === false && 'uiMessages' in listed, listed);

  const workingMemory = '# User\n- Name: Alice\n- Location: London\n';
  const wmUpdate = await A.updateWorkingMemory({ agentId, threadId, workingMemory, resourceId: alice });
  check('updateWorkingMemory() succeeds', wmUpdate?.success === true, wmUpdate);
  const wm = await A.getWorkingMemory({ agentId, threadId, resourceId: alice });
  check('getWorkingMemory() returns what was stored',
    wm?.workingMemory === workingMemory && wm.threadExists === true && typeof wm.source === 'string', wm);
  // client-js sends the literal "resourceId=undefined" when no resourceId is given.
  const wmNoResource = await A.getWorkingMemory({ agentId, threadId });
  check('getWorkingMemory() without resourceId (sent as "undefined") still answers the caller\'s',
    wmNoResource?.workingMemory === workingMemory, wmNoResource);

  const agent = A.getAgent(agentId);
  const first = await agent.generate('Weather in London', { memory: { thread: genThread, resource: alice } });
  check('generate() with memory answers', typeof first?.text === 'string' && first.text.length > 0, first);
  const afterFirst = await A.getMemoryThread({ threadId: genThread, agentId }).listMessages();
  check('generate() with memory creates the thread and saves the turn (user + assistant)',
    afterFirst?.total >= 2 && afterFirst.messages[0]?.role === 'user' && text(afterFirst.messages[0]) === 'Weather in London'
      && afterFirst.messages.some(m => m.role === 'assistant'), afterFirst);
  const genThreadInfo = await A.getMemoryThread({ threadId: genThread }).get();
  check('the thread created by generate() belongs to the caller', genThreadInfo?.resourceId === alice, genThreadInfo);
  const second = await agent.generate('And tomorrow?', { memory: { thread: genThread, resource: alice } });
  check('a second generate() on the thread answers', typeof second?.text === 'string' && second.text.length > 0, second);
  const afterSecond = await A.getMemoryThread({ threadId: genThread, agentId }).listMessages();
  check('the second generate() adds its turn after the first',
    afterSecond?.total >= afterFirst.total + 2 && text(afterSecond.messages[0]) === 'Weather in London'
      && afterSecond.messages.some(m => m.role === 'user' && text(m) === 'And tomorrow?'), afterSecond);

  const streamed = await agent.stream('Weather in Paris', { memory: { thread: streamThread, resource: alice } });
  const types = [];
  await streamed.processDataStream({ onChunk: async chunk => { types.push(chunk.type); } });
  check('stream() with memory runs to finish', types[0] === 'start' && types.at(-1) === 'finish', types);
  const afterStream = await A.getMemoryThread({ threadId: streamThread }).listMessages();
  check('stream() with memory saved the turn once the stream ended',
    afterStream?.total >= 2 && text(afterStream.messages[0]) === 'Weather in Paris'
      && afterStream.messages.some(m => m.role === 'assistant'), afterStream);

  const clone = await A.getMemoryThread({ threadId: genThread, agentId })
    .clone({ newThreadId: `${genThread}-clone`, title: 'Clone' });
  check('clone() copies the thread and every message',
    clone?.thread?.id === `${genThread}-clone` && clone.thread.resourceId === alice
      && clone.clonedMessages?.length === afterSecond.total
      && clone.thread.metadata?.clone?.sourceThreadId === genThread, clone);

  // The other user, on the first user's thread: Mastra's 403, and nothing changes.
  const other = B.getMemoryThread({ threadId, agentId });
  checkDenied('other user: get()', await refusal(() => other.get()));
  checkDenied('other user: listMessages()', await refusal(() => other.listMessages()));
  checkDenied('other user: update()', await refusal(() => other.update({ title: 'Bob was here' })));
  checkDenied('other user: clone()', await refusal(() => other.clone({ newThreadId: `${threadId}-bob-clone` })));
  checkDenied('other user: deleteMessages()', await refusal(() => other.deleteMessages([`${threadId}-m1`])));
  checkDenied('other user: getWorkingMemory()', await refusal(() => B.getWorkingMemory({ agentId, threadId })));
  checkDenied('other user: updateWorkingMemory()',
    await refusal(() => B.updateWorkingMemory({ agentId, threadId, workingMemory: '# Bob' })));
  checkDenied('other user: saveMessageToMemory() into the thread as themself', await refusal(() => B.saveMessageToMemory({
    agentId, messages: [{ id: `${threadId}-bob`, threadId, resourceId: bob, role: 'user', createdAt: new Date(),
      content: { format: 2, parts: [{ type: 'text', text: 'Bob' }], content: 'Bob' } }],
  })));
  checkDenied('other user: saveMessageToMemory() naming the owner as resource', await refusal(() => B.saveMessageToMemory({
    agentId, messages: [{ id: `${threadId}-bob2`, threadId, resourceId: alice, role: 'user', createdAt: new Date(),
      content: { format: 2, parts: [{ type: 'text', text: 'Bob' }], content: 'Bob' } }],
  })), 'Access denied: cannot save messages for a different resource');
  checkDenied('other user: generate() with memory.thread',
    await refusal(() => B.getAgent(agentId).generate('Hi', { memory: { thread: threadId, resource: bob } })));
  checkDenied('other user: generate() naming the owner as resource',
    await refusal(() => B.getAgent(agentId).generate('Hi', { memory: { thread: threadId, resource: alice } })));
  checkDenied('other user: stream() with memory.thread',
    await refusal(() => B.getAgent(agentId).stream('Hi', { memory: { thread: threadId, resource: bob } })));
  const takeover = await refusal(() => B.createMemoryThread({ agentId, threadId, resourceId: bob, title: 'Mine now' }));
  check('other user: createMemoryThread() with the same id is refused (4xx)',
    typeof takeover.status === 'number' && takeover.status >= 400 && takeover.status < 500, takeover);
  checkDenied('other user: delete()', await refusal(() => other.delete()));
  const intact = await thread.get();
  check('after all that the thread is unchanged and still the owner\'s',
    intact?.resourceId === alice && intact.title === 'Alice, renamed', intact);
  const intactMessages = await thread.listMessages();
  check('and holds only the owner\'s message', intactMessages?.total === 1, intactMessages);

  const deleted = await thread.delete();
  check('getMemoryThread().delete() deletes', deleted?.result === 'Thread deleted', deleted);
  const gone = await refusal(() => thread.get());
  check('a deleted thread is 404 Thread not found', gone.status === 404 && gone.body?.error === 'Thread not found', gone);
} catch (e) {
  unexpected(e);
}

finish();
