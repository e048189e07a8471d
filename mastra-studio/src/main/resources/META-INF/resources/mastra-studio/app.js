// Studio's entry point: reads the sign-in configuration, signs in, then shows agents, threads, chat and tools.
// Routes live in the fragment: #/agents/<id>, #/agents/<id>/threads/<threadId>, #/tools.
import * as api from './api.js';
import { $, h, clear } from './dom.js';
import { createAuth } from './auth.js';
import { loadAgents, renderAgentList } from './agents.js';
import { renderChat } from './chat.js';
import { renderThreads, createThread, loadMessages } from './threads.js';
import { renderTools } from './tools.js';
import { showError, clearError, NetworkError } from './errors.js';

const state = { agents: [], resourceId: 'studio', auth: null };

async function main() {
  let config;
  try {
    const response = await fetch(new URL('studio/config.json', api.baseUrl()), { cache: 'no-store', credentials: 'omit' });
    config = await response.json();
  } catch (error) {
    showError(new NetworkError(error));
    return;
  }
  state.auth = createAuth(config);
  api.configure(state.auth);
  try {
    await state.auth.signIn();
  } catch (error) {
    showError(error);
    return;
  }
  $('app').hidden = false;
  $('new-thread').addEventListener('click', newThread);
  // The skip link moves focus only: following its "#chat-input" would change the route and leave the thread.
  document.querySelector('.skip').addEventListener('click', (event) => {
    event.preventDefault();
    ($('chat-input') || $('view')).focus();
  });
  try {
    await renderWho();
    state.agents = await loadAgents();
  } catch (error) {
    showError(error);
    return;
  }
  window.addEventListener('hashchange', route);
  await route();
}

async function renderWho() {
  const who = clear($('who'));
  let name = null;
  if (state.auth.describeUser) {
    name = await state.auth.describeUser();
  }
  if (state.auth.mode !== 'none') {
    const me = await api.get('api/auth/me').catch((error) => {
      if (error.status === 401) throw error;
      return null;
    });
    if (me && me.id) state.resourceId = me.id;
    if (!name && me) name = me.email || me.name || me.id;
  }
  if (name) who.append(h('span', { id: 'signed-in-as' }, 'Signed in as ' + name));
  if (state.auth.signOut) {
    who.append(h('button', { type: 'button', id: 'sign-out', onclick: () => state.auth.signOut() }, 'Sign out'));
  }
}

function parseRoute() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'tools') return { page: 'tools' };
  if (parts[0] === 'agents' && parts[1]) return { page: 'chat', agentId: parts[1], threadId: parts[2] === 'threads' ? parts[3] : null };
  return { page: 'home' };
}

async function route() {
  clearError();
  const view = $('view');
  const target = parseRoute();
  if (target.page === 'tools') {
    renderAgentList(state.agents, null);
    $('tools-link').setAttribute('aria-current', 'page');
    $('new-thread').disabled = true;
    clear($('thread-list'));
    await renderTools(view, state.agents);
    return;
  }
  $('tools-link').removeAttribute('aria-current');
  let agent = state.agents.find((a) => a.id === target.agentId);
  if (!agent) {
    if (!state.agents.length) {
      clear(view).append(h('p', {}, 'This server has no agents.'));
      return;
    }
    if (target.page === 'chat') showError('No agent with id ' + target.agentId + '.');
    agent = state.agents[0];
    history.replaceState(null, '', '#/agents/' + encodeURIComponent(agent.id));
  }
  renderAgentList(state.agents, agent.id);
  $('new-thread').disabled = !agent.supportsMemory;
  const threadId = target.threadId;
  let stored = [];
  if (threadId) {
    try {
      stored = await loadMessages(agent.id, threadId);
    } catch (error) {
      showError(error);
    }
  }
  renderChat(view, agent, {
    threadId,
    resourceId: state.resourceId,
    history: stored,
    ensureThread: async (firstText) => {
      if (!agent.supportsMemory) return null;
      const thread = await createThread(agent.id, state.resourceId, firstText.slice(0, 60));
      // Record the thread in the address without re-rendering the chat, so a reload reopens it.
      window.history.replaceState(null, '', threadHash(agent.id, thread.id));
      return thread.id;
    },
    afterTurn: (id) => refreshThreads(agent, id),
  });
  await refreshThreads(agent, threadId);
}

function threadHash(agentId, threadId) {
  return '#/agents/' + encodeURIComponent(agentId) + '/threads/' + encodeURIComponent(threadId);
}

/**
 * Redraws the thread sidebar. focus: after a change made from the sidebar, where the keyboard focus goes (a thread's
 * id focuses its link, 'new-thread' the New thread button); null leaves the focus where it is.
 */
async function refreshThreads(agent, currentId, focus = null) {
  if (!agent.supportsMemory) {
    clear($('thread-list')).append(h('li', { className: 'muted' }, 'This agent has no memory.'));
    return;
  }
  await renderThreads(agent.id, state.resourceId, currentId, {
    changed: (id) => refreshThreads(agent, currentId, id),
    deleted: (id) => {
      if (id === currentId) location.hash = '#/agents/' + encodeURIComponent(agent.id);
      else refreshThreads(agent, currentId, 'new-thread');
    },
  }, focus);
}

async function newThread() {
  const target = parseRoute();
  const agent = state.agents.find((a) => a.id === target.agentId) || state.agents[0];
  if (!agent) return;
  try {
    const thread = await createThread(agent.id, state.resourceId, 'New thread');
    location.hash = threadHash(agent.id, thread.id);
  } catch (error) {
    showError(error);
  }
}

main();
