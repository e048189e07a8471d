// Records the exact requests the official @mastra/client-js sends for its memory API, so the Java MastraClient can be
// held to the same wire (mastra-client's MemoryWireTest reads the output).
// Usage: node record-memory-requests.mjs > ../../mastra-client/src/test/resources/client-js-memory-requests.json
// A loopback server answers every call with a minimal valid body; only the requests matter here.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { MastraClient } from '@mastra/client-js';

const version = JSON.parse(readFileSync(new URL('./node_modules/@mastra/client-js/package.json', import.meta.url))).version;
let current = null;
const recorded = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', chunk => (body += chunk));
  req.on('end', () => {
    recorded.push({
      case: current,
      method: req.method,
      target: req.url,
      contentType: req.headers['content-type'] ?? null,
      body: body ? JSON.parse(body) : null,
    });
    if (req.url.includes('/stream')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end('data: [DONE]\n\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url.startsWith('/api/memory/threads?') ? { threads: [] } : { text: '', messages: [] }));
  });
});
await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
const client = new MastraClient({ baseUrl: `http://127.0.0.1:${server.address().port}`, retries: 0 });
const agentId = 'weatherAgent';
const createdAt = new Date('2026-12-05T06:00:00.000Z');

// Case names match the Mastra 1.71 fixture whose answer the Java test serves for the same call.
const cases = {
  'list-threads-own': () => client.listMemoryThreads({ resourceId: 'user_alice', agentId }),
  'list-threads-page': () => client.listMemoryThreads({ resourceId: 'user_alice', page: 1, perPage: 2 }),
  'list-threads-orderby-brackets': () =>
    client.listMemoryThreads({ resourceId: 'user_alice', orderBy: { field: 'updatedAt', direction: 'DESC' } }),
  'create-thread': () => client.createMemoryThread({
    agentId, threadId: 'thread-alice-1', resourceId: 'user_alice', title: 'Alice in London', metadata: { topic: 'weather' },
  }),
  'get-thread-own': () => client.getMemoryThread({ threadId: 'thread-alice-1' }).get(),
  'get-thread-own-with-agent': () => client.getMemoryThread({ threadId: 'thread-alice-1', agentId }).get(),
  'get-thread-other': () => client.getMemoryThread({ threadId: 'thread-bob-1' }).get(),
  'get-thread-unknown': () => client.getMemoryThread({ threadId: 'thread-nobody' }).get(),
  'update-thread-own': () => client.getMemoryThread({ threadId: 'thread-alice-1', agentId })
    .update({ title: 'Alice, renamed', metadata: { topic: 'rain' } }),
  'delete-thread-own': () => client.getMemoryThread({ threadId: 'thread-alice-1-clone-2', agentId }).delete(),
  'list-messages-own': () => client.getMemoryThread({ threadId: 'thread-alice-1' }).listMessages(),
  'list-messages-own-with-agent': () => client.getMemoryThread({ threadId: 'thread-alice-1', agentId }).listMessages(),
  'list-messages-page': () => client.getMemoryThread({ threadId: 'thread-alice-1' }).listMessages({ page: 1, perPage: 1 }),
  'list-messages-desc': () => client.getMemoryThread({ threadId: 'thread-alice-1' })
    .listMessages({ orderBy: { field: 'createdAt', direction: 'DESC' } }),
  'clone-thread-own': () => client.getMemoryThread({ threadId: 'thread-alice-1', agentId })
    .clone({ newThreadId: 'thread-alice-1-clone', title: 'Clone of Alice 1' }),
  'clone-thread-own-options': () => client.getMemoryThread({ threadId: 'thread-alice-1', agentId })
    .clone({ newThreadId: 'thread-alice-1-clone-2', options: { messageLimit: 2 } }),
  'delete-messages-own': () => client.getMemoryThread({ threadId: 'thread-alice-2', agentId }).deleteMessages(['msg-alice-2']),
  'save-messages-own': () => client.saveMessageToMemory({
    agentId,
    messages: [
      { id: 'msg-alice-1', threadId: 'thread-alice-2', resourceId: 'user_alice', role: 'user', createdAt,
        content: { format: 2, parts: [{ type: 'text', text: 'Saved by Alice' }], content: 'Saved by Alice' } },
      { id: 'msg-alice-2', threadId: 'thread-alice-2', resourceId: 'user_alice', role: 'assistant', createdAt,
        content: { format: 2, parts: [{ type: 'text', text: 'Saved reply' }], content: 'Saved reply' } },
    ],
  }),
  'status': () => client.getMemoryStatus(agentId),
  'config': () => client.getMemoryConfig({ agentId }),
  'working-memory-get-own': () => client.getWorkingMemory({ agentId, threadId: 'thread-alice-1', resourceId: 'user_alice' }),
  'working-memory-get-no-resource': () => client.getWorkingMemory({ agentId, threadId: 'thread-alice-1' }),
  'working-memory-update-own': () => client.updateWorkingMemory({
    agentId, threadId: 'thread-alice-1', workingMemory: '# User\n- Name: Alice\n- Location: London\n', resourceId: 'user_alice',
  }),
  'generate-memory-thread-resource': () => client.getAgent(agentId)
    .generate('What is the weather in London?', { memory: { thread: 'thread-alice-1', resource: 'user_alice' } }),
  'stream-memory-thread-resource': async () => {
    const response = await client.getAgent(agentId)
      .stream('Stream: weather in London?', { memory: { thread: 'thread-alice-stream', resource: 'user_alice' } });
    await response.processDataStream({ onChunk: async () => {} });
  },
};

for (const [name, call] of Object.entries(cases)) {
  current = name;
  await call();
}
server.close();
console.log(JSON.stringify({ clientJs: version, requests: recorded }, null, 2));
