// The chat: messages (data-role="user" | "assistant"), tool cards (data-tool="<toolId>", collapsible, errors marked),
// streamed text from POST /api/agents/:agentId/stream (Mastra's chunk format), and a Stop button.
import * as api from './api.js';
import { h, clear, pretty } from './dom.js';
import { renderMarkdown } from './markdown.js';
import { readEvents } from './sse.js';
import { describe, showError, clearError } from './errors.js';
import { copyLastRequest } from './curl.js';

/**
 * Renders the chat for agent into view. options: {threadId, resourceId, history (stored messages), ensureThread
 * (async (firstText) => threadId: creates the thread when there is none yet)}.
 */
export function renderChat(view, agent, options) {
  let threadId = options.threadId;
  let controller = null;

  const messages = h('ol', { className: 'messages', id: 'messages', 'aria-label': 'Conversation', 'aria-live': 'polite' });
  const input = h('textarea', { id: 'chat-input', name: 'message', rows: 3, required: true, placeholder: 'Ask ' + agent.name + '…' });
  const send = h('button', { type: 'submit', id: 'send' }, 'Send');
  const stop = h('button', { type: 'button', id: 'stop', disabled: true, onclick: () => controller && controller.abort() }, 'Stop');
  const curlOut = h('pre', { id: 'curl-output', className: 'curl', hidden: true });
  const copy = h('button', {
    type: 'button',
    id: 'copy-curl',
    onclick: async () => {
      const command = await copyLastRequest();
      curlOut.textContent = command || 'No request yet.';
      curlOut.hidden = false;
    },
  }, 'Copy as curl');
  const form = h(
    'form',
    { className: 'composer', 'aria-label': 'Send a message', onsubmit: (event) => { event.preventDefault(); submit(); } },
    h('label', { for: 'chat-input' }, 'Message'),
    input,
    h('div', { className: 'actions' }, send, stop, copy),
  );
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  clear(view).append(
    h('h2', { id: 'chat-title' }, 'Chat with ' + agent.name),
    agentDetails(agent),
    messages,
    form,
    curlOut,
  );
  for (const message of options.history || []) {
    const el = messageElement(message.role === 'user' ? 'user' : 'assistant', agent.name);
    messages.append(el);
    fillStored(el, message);
  }
  if (!messages.children.length) {
    messages.append(h('li', { className: 'empty muted', dataset: { empty: 'true' } }, 'No messages yet.'));
  }

  async function submit() {
    const text = input.value.trim();
    if (!text || controller) return;
    clearError();
    for (const empty of messages.querySelectorAll('[data-empty]')) empty.remove();
    const userEl = messageElement('user', 'You');
    userEl.querySelector('.body').append(renderMarkdown(text));
    messages.append(userEl);
    input.value = '';
    const assistant = messageElement('assistant', agent.name);
    assistant.setAttribute('aria-busy', 'true');
    messages.append(assistant);
    messages.scrollTop = messages.scrollHeight;
    controller = new AbortController();
    send.disabled = true;
    stop.disabled = false;
    try {
      if (!threadId) threadId = await options.ensureThread(text);
      const body = { messages: [{ role: 'user', content: text }] };
      if (threadId) body.memory = { thread: threadId, resource: options.resourceId };
      const response = await api.request('POST', 'api/agents/' + api.seg(agent.id) + '/stream', {
        body,
        signal: controller.signal,
        raw: true,
      });
      for await (const data of readEvents(response)) {
        applyChunk(assistant, JSON.parse(data));
        messages.scrollTop = messages.scrollHeight;
      }
      assistant.dataset.state = assistant.dataset.state || 'done';
    } catch (error) {
      if (error && error.name === 'AbortError') {
        assistant.dataset.state = 'stopped';
        assistant.querySelector('.body').append(h('p', { className: 'note' }, 'Stopped.'));
      } else {
        assistant.dataset.state = 'error';
        assistant.querySelector('.body').append(h('p', { className: 'note error' }, describe(error)));
        showError(error);
      }
    } finally {
      assistant.removeAttribute('aria-busy');
      controller = null;
      send.disabled = false;
      stop.disabled = true;
      input.focus();
      if (options.afterTurn) options.afterTurn(threadId);
    }
  }

  messages.scrollTop = messages.scrollHeight;
  input.focus();
}

function messageElement(role, label) {
  return h(
    'li',
    { className: 'message ' + role, dataset: { role } },
    h('div', { className: 'who-said' }, label),
    h('div', { className: 'body' }),
  );
}

/** Applies one stream chunk ({type, payload}) to the assistant message element. */
function applyChunk(el, chunk) {
  const body = el.querySelector('.body');
  const payload = chunk.payload || {};
  switch (chunk.type) {
    case 'text-delta': {
      let part = body.lastElementChild;
      if (!part || !part.classList.contains('text')) {
        part = h('div', { className: 'text' });
        part.dataset.raw = '';
        body.append(part);
      }
      part.dataset.raw += payload.text || '';
      clear(part).append(renderMarkdown(part.dataset.raw));
      break;
    }
    case 'tool-call':
      body.append(toolCard(payload.toolName, payload.toolCallId, payload.args));
      break;
    case 'tool-result':
    case 'tool-error': {
      let card = body.querySelector('[data-tool-call-id="' + CSS.escape(payload.toolCallId || '') + '"]');
      if (!card) {
        card = toolCard(payload.toolName, payload.toolCallId, payload.args);
        body.append(card);
      }
      finishCard(card, payload.result !== undefined ? payload.result : payload.error, chunk.type === 'tool-error' || payload.isError);
      break;
    }
    case 'error': {
      const message = (payload.error && payload.error.message) || 'The run failed.';
      el.dataset.state = 'error';
      body.append(h('p', { className: 'note error', role: 'alert' }, message));
      break;
    }
    default:
      break;
  }
}

function toolCard(toolName, toolCallId, args) {
  const status = h('span', { className: 'tool-status' }, 'running…');
  return h(
    'details',
    { className: 'tool-card', dataset: { tool: toolName || 'tool', toolCallId: toolCallId || '', state: 'running' } },
    h('summary', {}, 'Tool ', h('code', {}, toolName || 'tool'), ' ', status),
    h('div', { className: 'tool-io' }, h('h4', {}, 'Input'), h('pre', {}, pretty(args))),
  );
}

function finishCard(card, result, isError) {
  card.dataset.state = isError ? 'error' : 'done';
  card.classList.toggle('error', Boolean(isError));
  card.querySelector('.tool-status').textContent = isError ? 'failed' : 'done';
  card.querySelector('.tool-io').append(h('h4', {}, isError ? 'Error' : 'Result'), h('pre', {}, pretty(result)));
}

/** Fills a message element from a stored (Mastra v2) message. */
function fillStored(el, message) {
  const body = el.querySelector('.body');
  const content = message.content || {};
  const parts = Array.isArray(content.parts) ? content.parts : [];
  if (!parts.length && typeof content.content === 'string') body.append(renderMarkdown(content.content));
  if (!parts.length && typeof message.content === 'string') body.append(renderMarkdown(message.content));
  for (const part of parts) {
    if (part.type === 'text') {
      body.append(h('div', { className: 'text' }, renderMarkdown(part.text || '')));
    } else if (part.type === 'tool-invocation' && part.toolInvocation) {
      const call = part.toolInvocation;
      const card = toolCard(call.toolName, call.toolCallId, call.args);
      if (call.state === 'result' || call.result !== undefined) finishCard(card, call.result, Boolean(call.isError));
      body.append(card);
    }
  }
}

/** The agent's instructions, model and tools with their input schemas, collapsed by default. */
export function agentDetails(agent) {
  const tools = Object.values(agent.tools || {});
  return h(
    'details',
    { className: 'agent-details', id: 'agent-details' },
    h('summary', {}, 'About ' + agent.name),
    h('section', { 'aria-label': 'Agent details' },
      h('h3', {}, 'Model'),
      h('p', {}, h('code', {}, (agent.provider || '') + (agent.modelId ? ' / ' + agent.modelId : ''))),
      h('h3', {}, 'Instructions'),
      h('pre', { className: 'instructions' }, agent.instructions || ''),
      h('h3', {}, 'Tools'),
      tools.length
        ? h('ul', { className: 'tool-list' }, tools.map((tool) =>
            h('li', {},
              h('code', {}, tool.id), tool.description ? ' \u2014 ' + tool.description : '',
              h('details', {}, h('summary', {}, 'Input schema of ' + tool.id), h('pre', {}, pretty(tool.inputSchema))))))
        : h('p', { className: 'muted' }, 'No tools.'),
    ),
  );
}
