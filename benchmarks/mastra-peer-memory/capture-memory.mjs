// Drives every /api/memory route of a running server-memory.mjs peer as two Clerk users and writes one JSON fixture
// per case into OUT (see capture-memory.sh, which starts the issuer and the peer and then runs this).
//
// Environment: BASE (http://127.0.0.1:<port>), TOKEN_A (sub user_alice), TOKEN_B (sub user_bob), OUT (directory),
// SUITE: `full` (default, mapUserToResourceId = sub), `no-mapping` (peer started with MAP_RESOURCE=none) or
// `pg` (a few generate-with-memory calls, for the PostgreSQL layout).
//
// Fixture: {"case", "request": {method, path, user: "alice"|"bob"|"none", body?}, "status",
//           "headers": {"content-type"}, "body"} (JSON body parsed; SSE bodies as {"events": [...]}).
// Normalisation (see the fixture README): every UUID becomes "<uuid-N>" (N numbered by first appearance in that file),
// every ISO-8601 instant "<date>", every 13-digit JSON number starting with 1 (epoch milliseconds, 2001..2033) "<epoch-ms>". Ids that
// the capture chooses itself (thread-alice-1, msg-alice-1, ...) are stable and stay as they are.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const { BASE, TOKEN_A, TOKEN_B, OUT } = process.env;
const SUITE = process.env.SUITE ?? 'full';
if (!BASE || !TOKEN_A || !TOKEN_B || !OUT) {
  console.error('BASE, TOKEN_A, TOKEN_B and OUT are required');
  process.exit(2);
}
mkdirSync(OUT, { recursive: true });
const tokens = { alice: TOKEN_A, bob: TOKEN_B };
const AGENT = 'agentId=weatherAgent';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g;
const EPOCH_MS = /(?<=[:\[,])1\d{12}(?=[,}\]])/g;

function normalise(value) {
  const ids = new Map();
  const text = JSON.stringify(value)
    .replace(UUID, (id) => {
      const key = id.toLowerCase();
      if (!ids.has(key)) ids.set(key, `<uuid-${ids.size + 1}>`);
      return ids.get(key);
    })
    .replace(ISO, '<date>')
    .replace(EPOCH_MS, '"<epoch-ms>"');
  return JSON.parse(text);
}

function write(name, fixture) {
  writeFileSync(join(OUT, `${name}.json`), `${JSON.stringify(normalise({ case: name, ...fixture }), null, 2)}\n`);
}

function parseSse(text) {
  const events = [];
  for (const block of text.split(/\n\n/)) {
    const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
    if (!data) continue;
    try {
      events.push(JSON.parse(data));
    } catch {
      events.push(data);
    }
  }
  return { events };
}

/** One request; returns {status, body} and, when name is given, writes the fixture. */
async function call(name, user, method, path, body, { raw } = {}) {
  const headers = {};
  if (user !== 'none') headers.Authorization = `Bearer ${tokens[user]}`;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = raw ? body : JSON.stringify(body);
  }
  const res = await fetch(BASE + path, { method, headers, body: payload });
  const ctype = res.headers.get('content-type') ?? '';
  const text = await res.text();
  let parsed;
  if (ctype.includes('text/event-stream')) parsed = parseSse(text);
  else {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (name) {
    const request = { method, path, user };
    if (body !== undefined) request.body = raw ? body : body;
    write(name, { request, status: res.status, headers: { 'content-type': ctype }, body: parsed });
    console.log(`${name}: ${res.status}`);
  }
  return { status: res.status, body: parsed };
}

const say = (text) => ({ messages: [{ role: 'user', content: text }] });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const modelCalls = async () => (await fetch(`${BASE}/peer/model-calls`)).json();

async function lastModelPrompt(name) {
  const calls = await modelCalls();
  write(name, { request: { method: 'GET', path: '/peer/model-calls (last entry)', user: 'none' }, status: 200, headers: {}, body: calls[calls.length - 1] });
  console.log(`${name}: recorded`);
}

/** Streams, reads until `minBytes` arrived, aborts, and returns what was read. */
async function cancelledStream(name, user, threadId, text) {
  const controller = new AbortController();
  const body = { ...say(text), memory: { thread: threadId, resource: `user_${user}` } };
  const res = await fetch(`${BASE}/api/agents/weatherAgent/stream`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokens[user]}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: controller.signal,
  });
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let seen = '';
  while (!(seen.match(/tok\d+ /g)?.length >= 5)) {
    const { value, done } = await reader.read();
    if (done) break;
    seen += decoder.decode(value, { stream: true });
  }
  controller.abort();
  write(name, {
    request: { method: 'POST', path: '/api/agents/weatherAgent/stream', user, body, note: 'fetch aborted after the 5th text delta (~0.5 s)' },
    status: res.status,
    headers: { 'content-type': res.headers.get('content-type') ?? '' },
    body: parseSse(seen.slice(0, seen.lastIndexOf('\n\n') + 2)),
  });
  console.log(`${name}: ${res.status} (aborted)`);
}

async function full() {
  // --- status and config
  await call('status', 'alice', 'GET', `/api/memory/status?${AGENT}`);
  await call('status-no-agent', 'alice', 'GET', '/api/memory/status');
  await call('status-unknown-agent', 'alice', 'GET', '/api/memory/status?agentId=nope');
  await call('status-signed-out', 'none', 'GET', `/api/memory/status?${AGENT}`);
  await call('config', 'alice', 'GET', `/api/memory/config?${AGENT}`);
  await call('config-no-agent', 'alice', 'GET', '/api/memory/config');

  // --- create
  await call('create-thread', 'alice', 'POST', `/api/memory/threads?${AGENT}`,
    { threadId: 'thread-alice-1', resourceId: 'user_alice', title: 'Alice in London', metadata: { topic: 'weather' } });
  await call('create-thread-generated-id', 'alice', 'POST', `/api/memory/threads?${AGENT}`, { resourceId: 'user_alice', title: 'Generated id' });
  await call('create-thread-no-resource', 'alice', 'POST', `/api/memory/threads?${AGENT}`, { threadId: 'thread-alice-nores', title: 'No resource in body' });
  await call('create-thread-alice-2', 'alice', 'POST', `/api/memory/threads?${AGENT}`, { threadId: 'thread-alice-2', resourceId: 'user_alice', title: 'Alice 2' });
  await call('create-thread-other-resource', 'alice', 'POST', `/api/memory/threads?${AGENT}`,
    { threadId: 'thread-alice-3', resourceId: 'user_bob', title: 'Alice names Bob as resource' });
  await call('create-thread-bob', 'bob', 'POST', `/api/memory/threads?${AGENT}`,
    { threadId: 'thread-bob-1', resourceId: 'user_bob', title: 'Bob in Paris', metadata: { topic: 'weather' } });
  await call('create-thread-no-agent', 'alice', 'POST', '/api/memory/threads', { threadId: 'thread-alice-x', resourceId: 'user_alice' });
  await call('create-thread-wrong-types', 'alice', 'POST', `/api/memory/threads?${AGENT}`, { threadId: 42, title: ['x'], metadata: 'm' });
  await call('create-thread-not-json', 'alice', 'POST', `/api/memory/threads?${AGENT}`, '{"title":', { raw: true });

  // --- list
  await call('list-threads-own', 'alice', 'GET', `/api/memory/threads?resourceId=user_alice&${AGENT}`);
  await call('list-threads-other-resource', 'alice', 'GET', `/api/memory/threads?resourceId=user_bob&${AGENT}`);
  await call('list-threads-no-resource', 'alice', 'GET', '/api/memory/threads');
  await call('list-threads-bob', 'bob', 'GET', `/api/memory/threads?resourceId=user_bob&${AGENT}`);
  await call('list-threads-page', 'alice', 'GET', '/api/memory/threads?resourceId=user_alice&page=1&perPage=2');
  await call('list-threads-orderby-json', 'alice', 'GET',
    `/api/memory/threads?resourceId=user_alice&orderBy=${encodeURIComponent('{"field":"createdAt","direction":"ASC"}')}`);
  await call('list-threads-orderby-brackets', 'alice', 'GET',
    '/api/memory/threads?resourceId=user_alice&orderBy%5Bfield%5D=updatedAt&orderBy%5Bdirection%5D=DESC');
  await call('list-threads-orderby-legacy', 'alice', 'GET', '/api/memory/threads?resourceId=user_alice&orderBy=createdAt&sortDirection=ASC');
  await call('list-threads-orderby-bad-field', 'alice', 'GET', '/api/memory/threads?resourceId=user_alice&orderBy=title');
  await call('list-threads-page-negative', 'alice', 'GET', '/api/memory/threads?page=-1');
  await call('list-threads-perpage-text', 'alice', 'GET', '/api/memory/threads?perPage=abc');
  await call('list-threads-perpage-zero', 'alice', 'GET', '/api/memory/threads?perPage=0');
  await call('list-threads-perpage-false', 'alice', 'GET', '/api/memory/threads?perPage=false');
  await call('list-threads-perpage-huge', 'alice', 'GET', '/api/memory/threads?perPage=100000');
  await call('list-threads-signed-out', 'none', 'GET', '/api/memory/threads');

  // --- get / update
  await call('get-thread-own', 'alice', 'GET', '/api/memory/threads/thread-alice-1');
  await call('get-thread-own-with-agent', 'alice', 'GET', `/api/memory/threads/thread-alice-1?${AGENT}`);
  await call('get-thread-other', 'alice', 'GET', '/api/memory/threads/thread-bob-1');
  await call('get-thread-other-with-their-resource', 'alice', 'GET', '/api/memory/threads/thread-bob-1?resourceId=user_bob');
  await call('get-thread-unknown', 'alice', 'GET', '/api/memory/threads/thread-nobody');
  await call('get-thread-encoded-id', 'alice', 'GET', '/api/memory/threads/thread%2Dalice%2D1');
  await call('get-thread-case-variant', 'alice', 'GET', '/api/memory/threads/THREAD-ALICE-1');
  await call('update-thread-own', 'alice', 'PATCH', `/api/memory/threads/thread-alice-1?${AGENT}`, { title: 'Alice, renamed', metadata: { topic: 'rain' } });
  await call('update-thread-own-resource-change', 'alice', 'PATCH', `/api/memory/threads/thread-alice-2?${AGENT}`, { resourceId: 'user_bob' });
  await call('update-thread-other', 'alice', 'PATCH', `/api/memory/threads/thread-bob-1?${AGENT}`, { title: 'Hijacked' });
  await call('update-thread-unknown', 'alice', 'PATCH', `/api/memory/threads/thread-nobody?${AGENT}`, { title: 'x' });
  await call('update-thread-wrong-types', 'alice', 'PATCH', `/api/memory/threads/thread-alice-1?${AGENT}`, { title: 5, metadata: [1] });
  await call('update-thread-no-agent', 'alice', 'PATCH', '/api/memory/threads/thread-alice-1', { title: 'x' });

  // --- generate / stream with memory
  await call('generate-memory-thread-resource', 'alice', 'POST', '/api/agents/weatherAgent/generate',
    { ...say('What is the weather in London?'), memory: { thread: 'thread-alice-1', resource: 'user_alice' } });
  await call('list-messages-right-after-generate', 'alice', 'GET', '/api/memory/threads/thread-alice-1/messages');
  await call('generate-memory-second-turn', 'alice', 'POST', '/api/agents/weatherAgent/generate',
    { ...say('And tomorrow?'), memory: { thread: 'thread-alice-1', resource: 'user_alice' } });
  await lastModelPrompt('generate-memory-second-turn-model-prompt');
  await call('generate-memory-new-thread', 'alice', 'POST', '/api/agents/weatherAgent/generate',
    { ...say('First message of a new thread'), memory: { thread: 'thread-alice-new', resource: 'user_alice' } });
  await call('generate-memory-thread-object', 'alice', 'POST', '/api/agents/weatherAgent/generate',
    { ...say('Thread given as object'), memory: { thread: { id: 'thread-alice-obj', title: 'Object title' }, resource: 'user_alice' } });
  await call('generate-threadid-resourceid', 'alice', 'POST', '/api/agents/weatherAgent/generate',
    { ...say('Top-level threadId and resourceId'), threadId: 'thread-alice-top', resourceId: 'user_alice' });
  await call('generate-legacy-threadid-resourceid', 'alice', 'POST', '/api/agents/weatherAgent/generate-legacy',
    { ...say('Legacy route, top-level threadId and resourceId'), threadId: 'thread-alice-legacy', resourceId: 'user_alice' });
  await call('generate-memory-threadid-resourceid', 'alice', 'POST', '/api/agents/weatherAgent/generate',
    { ...say('memory.threadId and memory.resourceId'), memory: { threadId: 'thread-alice-mem', resourceId: 'user_alice' } });
  await call('generate-memory-no-resource', 'alice', 'POST', '/api/agents/weatherAgent/generate',
    { ...say('Only memory.thread'), memory: { thread: 'thread-alice-nores' } });
  await call('generate-memory-other-resource', 'alice', 'POST', '/api/agents/weatherAgent/generate',
    { ...say('Alice claims to be Bob'), memory: { thread: 'thread-alice-claims-bob', resource: 'user_bob' } });
  const callsBefore = (await modelCalls()).length;
  await call('generate-memory-other-thread', 'bob', 'POST', '/api/agents/weatherAgent/generate',
    { ...say('Bob writes into Alice\'s thread'), memory: { thread: 'thread-alice-1', resource: 'user_bob' } });
  write('generate-memory-other-thread-model-calls', {
    request: { method: 'GET', path: '/peer/model-calls (count before and after generate-memory-other-thread)', user: 'none' },
    status: 200, headers: {}, body: { before: callsBefore, after: (await modelCalls()).length },
  });
  await call('generate-memory-other-thread-their-resource', 'bob', 'POST', '/api/agents/weatherAgent/generate',
    { ...say('Bob writes into Alice\'s thread, naming Alice'), memory: { thread: 'thread-alice-1', resource: 'user_alice' } });
  await call('generate-memory-thread-wrong-type', 'alice', 'POST', '/api/agents/weatherAgent/generate',
    { ...say('thread is a number'), memory: { thread: 42, resource: 'user_alice' } });
  await call('stream-memory-thread-resource', 'alice', 'POST', '/api/agents/weatherAgent/stream',
    { ...say('Stream: weather in London?'), memory: { thread: 'thread-alice-stream', resource: 'user_alice' } });
  await call('list-messages-right-after-stream', 'alice', 'GET', '/api/memory/threads/thread-alice-stream/messages');
  await call('stream-threadid-resourceid', 'alice', 'POST', '/api/agents/weatherAgent/stream',
    { ...say('Stream with top-level threadId'), threadId: 'thread-alice-stream-top', resourceId: 'user_alice' });
  await call('stream-memory-other-thread', 'bob', 'POST', '/api/agents/weatherAgent/stream',
    { ...say('Bob streams into Alice\'s thread'), memory: { thread: 'thread-alice-1', resource: 'user_bob' } });
  await call('generate-bob-own', 'bob', 'POST', '/api/agents/weatherAgent/generate',
    { ...say('Weather in Paris?'), memory: { thread: 'thread-bob-1', resource: 'user_bob' } });

  // --- messages
  await call('list-messages-own', 'alice', 'GET', '/api/memory/threads/thread-alice-1/messages');
  await call('list-messages-own-with-agent', 'alice', 'GET', `/api/memory/threads/thread-alice-1/messages?${AGENT}`);
  await call('list-messages-page', 'alice', 'GET', '/api/memory/threads/thread-alice-1/messages?page=1&perPage=1');
  await call('list-messages-desc', 'alice', 'GET',
    `/api/memory/threads/thread-alice-1/messages?orderBy=${encodeURIComponent('{"field":"createdAt","direction":"DESC"}')}`);
  await call('list-messages-other', 'alice', 'GET', '/api/memory/threads/thread-bob-1/messages');
  await call('list-messages-unknown', 'alice', 'GET', '/api/memory/threads/thread-nobody/messages');
  await call('list-messages-perpage-text', 'alice', 'GET', '/api/memory/threads/thread-alice-1/messages?perPage=abc');
  await call('list-messages-page-negative', 'alice', 'GET', '/api/memory/threads/thread-alice-1/messages?page=-1');
  await call('list-messages-stream-thread', 'alice', 'GET', '/api/memory/threads/thread-alice-stream/messages');
  await call('list-messages-top-level-ids-thread', 'alice', 'GET', '/api/memory/threads/thread-alice-top/messages');
  await call('list-messages-legacy-thread', 'alice', 'GET', '/api/memory/threads/thread-alice-legacy/messages');
  await call('list-messages-claims-bob-thread', 'alice', 'GET', '/api/memory/threads/thread-alice-claims-bob/messages');
  await call('get-thread-claims-bob', 'alice', 'GET', '/api/memory/threads/thread-alice-claims-bob');
  await call('get-thread-created-by-generate', 'alice', 'GET', '/api/memory/threads/thread-alice-new');
  await call('get-thread-created-by-generate-object', 'alice', 'GET', '/api/memory/threads/thread-alice-obj');

  // --- save-messages
  const msg = (id, threadId, resourceId, text, role = 'user') => ({
    id, threadId, resourceId, role, type: 'text', createdAt: '2026-01-02T03:04:05.000Z',
    content: { format: 2, parts: [{ type: 'text', text }], content: text },
  });
  await call('save-messages-own', 'alice', 'POST', `/api/memory/save-messages?${AGENT}`,
    { messages: [msg('msg-alice-1', 'thread-alice-2', 'user_alice', 'Saved by Alice'), msg('msg-alice-2', 'thread-alice-2', 'user_alice', 'Saved reply', 'assistant')] });
  await call('save-messages-v1-string-content', 'alice', 'POST', `/api/memory/save-messages?${AGENT}`,
    { messages: [{ id: 'msg-alice-3', threadId: 'thread-alice-2', resourceId: 'user_alice', role: 'user', content: 'plain string content' }] });
  await call('save-messages-other-resource', 'alice', 'POST', `/api/memory/save-messages?${AGENT}`,
    { messages: [msg('msg-alice-x', 'thread-alice-2', 'user_bob', 'Alice as Bob')] });
  await call('save-messages-other-thread', 'alice', 'POST', `/api/memory/save-messages?${AGENT}`,
    { messages: [msg('msg-alice-y', 'thread-bob-1', 'user_alice', 'Alice into Bob\'s thread')] });
  await call('save-messages-new-thread', 'alice', 'POST', `/api/memory/save-messages?${AGENT}`,
    { messages: [msg('msg-alice-z', 'thread-alice-saved-new', 'user_alice', 'Into a thread that does not exist')] });
  await call('save-messages-missing-thread', 'alice', 'POST', `/api/memory/save-messages?${AGENT}`,
    { messages: [{ role: 'user', content: 'no ids', resourceId: 'user_alice' }] });
  await call('save-messages-not-array', 'alice', 'POST', `/api/memory/save-messages?${AGENT}`, { messages: { role: 'user' } });
  await call('save-messages-no-agent', 'alice', 'POST', '/api/memory/save-messages',
    { messages: [msg('msg-alice-4', 'thread-alice-2', 'user_alice', 'No agentId')] });
  await call('save-messages-bob-own', 'bob', 'POST', `/api/memory/save-messages?${AGENT}`,
    { messages: [msg('msg-bob-1', 'thread-bob-1', 'user_bob', 'Saved by Bob')] });
  await call('list-messages-after-save', 'alice', 'GET', '/api/memory/threads/thread-alice-2/messages');

  // --- delete messages
  await call('delete-messages-other', 'alice', 'POST', `/api/memory/messages/delete?${AGENT}`, { messageIds: ['msg-bob-1'] });
  await call('delete-messages-mixed', 'alice', 'POST', `/api/memory/messages/delete?${AGENT}`, { messageIds: ['msg-alice-2', 'msg-bob-1'] });
  await call('delete-messages-own', 'alice', 'POST', `/api/memory/messages/delete?${AGENT}`, { messageIds: ['msg-alice-2'] });
  await call('delete-messages-own-string', 'alice', 'POST', `/api/memory/messages/delete?${AGENT}`, { messageIds: 'msg-alice-3' });
  await call('delete-messages-own-objects', 'alice', 'POST', `/api/memory/messages/delete?${AGENT}`, { messageIds: [{ id: 'msg-alice-1' }] });
  await call('delete-messages-unknown', 'alice', 'POST', `/api/memory/messages/delete?${AGENT}`, { messageIds: ['msg-nobody'] });
  await call('delete-messages-missing', 'alice', 'POST', `/api/memory/messages/delete?${AGENT}`, {});
  await call('delete-messages-wrong-type', 'alice', 'POST', `/api/memory/messages/delete?${AGENT}`, { messageIds: 42 });
  await call('list-messages-after-delete', 'alice', 'GET', '/api/memory/threads/thread-alice-2/messages');
  await call('list-messages-bob-after-delete', 'bob', 'GET', '/api/memory/threads/thread-bob-1/messages');

  // --- working memory
  await call('working-memory-get-empty', 'alice', 'GET', `/api/memory/threads/thread-alice-1/working-memory?${AGENT}`);
  await call('working-memory-update-own', 'alice', 'POST', `/api/memory/threads/thread-alice-1/working-memory?${AGENT}`,
    { workingMemory: '# User\n- Name: Alice\n- Location: London\n', resourceId: 'user_alice' });
  await call('working-memory-get-own', 'alice', 'GET', `/api/memory/threads/thread-alice-1/working-memory?${AGENT}`);
  await call('working-memory-get-own-other-thread', 'alice', 'GET', `/api/memory/threads/thread-alice-new/working-memory?${AGENT}`);
  await call('working-memory-get-other', 'alice', 'GET', `/api/memory/threads/thread-bob-1/working-memory?${AGENT}`);
  await call('working-memory-update-other', 'alice', 'POST', `/api/memory/threads/thread-bob-1/working-memory?${AGENT}`,
    { workingMemory: 'hijacked' });
  await call('working-memory-get-unknown', 'alice', 'GET', `/api/memory/threads/thread-nobody/working-memory?${AGENT}`);
  await call('working-memory-update-unknown', 'alice', 'POST', `/api/memory/threads/thread-nobody/working-memory?${AGENT}`, { workingMemory: 'x' });
  await call('working-memory-update-missing', 'alice', 'POST', `/api/memory/threads/thread-alice-1/working-memory?${AGENT}`, {});
  await call('working-memory-get-no-agent', 'alice', 'GET', '/api/memory/threads/thread-alice-1/working-memory');
  await call('working-memory-get-bob', 'bob', 'GET', `/api/memory/threads/thread-bob-1/working-memory?${AGENT}`);
  await call('generate-after-working-memory', 'alice', 'POST', '/api/agents/weatherAgent/generate',
    { ...say('Do you remember me?'), memory: { thread: 'thread-alice-1', resource: 'user_alice' } });
  await lastModelPrompt('generate-after-working-memory-model-prompt');

  // --- clone
  await call('clone-thread-own', 'alice', 'POST', `/api/memory/threads/thread-alice-1/clone?${AGENT}`,
    { newThreadId: 'thread-alice-1-clone', title: 'Clone of Alice 1' });
  await call('clone-thread-own-generated-id', 'alice', 'POST', `/api/memory/threads/thread-alice-1/clone?${AGENT}`, {});
  await call('clone-thread-own-options', 'alice', 'POST', `/api/memory/threads/thread-alice-1/clone?${AGENT}`,
    { newThreadId: 'thread-alice-1-clone-2', options: { messageLimit: 2 } });
  await call('clone-thread-other', 'alice', 'POST', `/api/memory/threads/thread-bob-1/clone?${AGENT}`, { newThreadId: 'thread-alice-stolen' });
  await call('clone-thread-unknown', 'alice', 'POST', `/api/memory/threads/thread-nobody/clone?${AGENT}`, {});
  await call('list-messages-clone', 'alice', 'GET', '/api/memory/threads/thread-alice-1-clone/messages');

  // --- a thread id that belongs to someone else
  await call('bob-thread-before-takeover', 'bob', 'GET', '/api/memory/threads/thread-bob-1');
  await call('create-thread-with-others-id', 'alice', 'POST', `/api/memory/threads?${AGENT}`,
    { threadId: 'thread-bob-1', resourceId: 'user_alice', title: 'Taken over by Alice' });
  await call('bob-thread-after-takeover', 'bob', 'GET', '/api/memory/threads/thread-bob-1');
  await call('bob-messages-after-takeover', 'bob', 'GET', '/api/memory/threads/thread-bob-1/messages');
  await call('alice-reads-taken-thread-messages', 'alice', 'GET', '/api/memory/threads/thread-bob-1/messages');
  await call('create-thread-bob-2', 'bob', 'POST', `/api/memory/threads?${AGENT}`, { threadId: 'thread-bob-2', resourceId: 'user_bob', title: 'Bob 2' });
  await call('clone-into-others-id', 'alice', 'POST', `/api/memory/threads/thread-alice-1/clone?${AGENT}`, { newThreadId: 'thread-bob-2' });
  await call('bob-thread-2-after-clone', 'bob', 'GET', '/api/memory/threads/thread-bob-2');
  await call('create-thread-bob-3', 'bob', 'POST', `/api/memory/threads?${AGENT}`, { threadId: 'thread-bob-3', resourceId: 'user_bob', title: 'Bob 3' });
  await call('generate-into-others-id-own-resource', 'alice', 'POST', '/api/agents/weatherAgent/generate',
    { ...say('Alice generates with Bob\'s thread id'), memory: { thread: 'thread-bob-3', resource: 'user_alice' } });
  await call('bob-thread-3-after-generate', 'bob', 'GET', '/api/memory/threads/thread-bob-3');

  // --- cancelled stream
  await cancelledStream('stream-cancelled', 'alice', 'thread-alice-cancel', 'SLOW: tell me a long story');
  await sleep(1500);
  await call('stream-cancelled-messages-after-1s', 'alice', 'GET', '/api/memory/threads/thread-alice-cancel/messages');
  await call('stream-cancelled-thread-after-1s', 'alice', 'GET', '/api/memory/threads/thread-alice-cancel');
  await sleep(11000);
  await call('stream-cancelled-messages-after-12s', 'alice', 'GET', '/api/memory/threads/thread-alice-cancel/messages');

  // --- delete thread (last: earlier cases use these threads)
  await call('delete-thread-other', 'alice', 'DELETE', `/api/memory/threads/thread-bob-2?${AGENT}`);
  await call('delete-thread-unknown', 'alice', 'DELETE', `/api/memory/threads/thread-nobody?${AGENT}`);
  await call('delete-thread-no-agent', 'alice', 'DELETE', '/api/memory/threads/thread-alice-1-clone-2');
  await call('delete-thread-own', 'alice', 'DELETE', `/api/memory/threads/thread-alice-1-clone-2?${AGENT}`);
  await call('get-thread-after-delete', 'alice', 'GET', '/api/memory/threads/thread-alice-1-clone-2');
  await call('list-messages-after-thread-delete', 'alice', 'GET', '/api/memory/threads/thread-alice-1-clone-2/messages');
  await call('list-threads-own-final', 'alice', 'GET', '/api/memory/threads?resourceId=user_alice&perPage=100');
  await call('list-threads-bob-final', 'bob', 'GET', '/api/memory/threads?resourceId=user_bob');
}

/** Mastra's default: auth on, no mapUserToResourceId; the resource id comes from the client. */
async function noMapping() {
  await call('create-thread', 'alice', 'POST', `/api/memory/threads?${AGENT}`, { threadId: 'nm-alice-1', resourceId: 'user_alice', title: 'Alice' });
  await call('create-thread-no-resource', 'alice', 'POST', `/api/memory/threads?${AGENT}`, { threadId: 'nm-alice-2', title: 'No resource' });
  await call('list-threads-bob-asks-alice', 'bob', 'GET', '/api/memory/threads?resourceId=user_alice');
  await call('list-threads-no-resource', 'bob', 'GET', '/api/memory/threads');
  await call('get-thread-bob-no-resource', 'bob', 'GET', '/api/memory/threads/nm-alice-1');
  await call('get-thread-bob-own-resource', 'bob', 'GET', '/api/memory/threads/nm-alice-1?resourceId=user_bob');
  await call('generate-bob-into-alice-thread', 'bob', 'POST', '/api/agents/weatherAgent/generate',
    { ...say('Bob, naming Alice'), memory: { thread: 'nm-alice-1', resource: 'user_alice' } });
  await call('generate-bob-own-resource', 'bob', 'POST', '/api/agents/weatherAgent/generate',
    { ...say('Bob, naming himself'), memory: { thread: 'nm-alice-1', resource: 'user_bob' } });
  await call('generate-no-resource', 'bob', 'POST', '/api/agents/weatherAgent/generate', { ...say('No resource'), memory: { thread: 'nm-x' } });
  await call('list-messages-bob', 'bob', 'GET', '/api/memory/threads/nm-alice-1/messages');
}

/** A few generate-with-memory calls (PostgreSQL layout capture). */
async function pg() {
  await call('pg-create-thread', 'alice', 'POST', `/api/memory/threads?${AGENT}`, { threadId: 'thread-alice-1', resourceId: 'user_alice', title: 'Alice in London', metadata: { topic: 'weather' } });
  await call('pg-generate-1', 'alice', 'POST', '/api/agents/weatherAgent/generate', { ...say('What is the weather in London?'), memory: { thread: 'thread-alice-1', resource: 'user_alice' } });
  await call('pg-generate-2', 'alice', 'POST', '/api/agents/weatherAgent/generate', { ...say('And tomorrow?'), memory: { thread: 'thread-alice-1', resource: 'user_alice' } });
  await lastModelPrompt('pg-generate-2-model-prompt');
  await call('pg-stream-bob', 'bob', 'POST', '/api/agents/weatherAgent/stream', { ...say('Weather in Paris?'), memory: { thread: 'thread-bob-1', resource: 'user_bob' } });
  await call('pg-working-memory-update', 'alice', 'POST', `/api/memory/threads/thread-alice-1/working-memory?${AGENT}`, { workingMemory: '# User\n- Name: Alice\n- Location: London\n' });
  await call('pg-get-thread-other', 'bob', 'GET', '/api/memory/threads/thread-alice-1');
  await call('pg-list-messages', 'alice', 'GET', '/api/memory/threads/thread-alice-1/messages');
  await call('pg-list-threads-other-resource', 'bob', 'GET', '/api/memory/threads?resourceId=user_alice');
}

await ({ full, 'no-mapping': noMapping, pg })[SUITE]();
console.log(`fixtures in ${OUT}`);
