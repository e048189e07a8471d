// The signed-in user's threads for one agent (Mastra's memory routes): list, new, rename, delete, open.
import * as api from './api.js';
import { $, h, clear } from './dom.js';
import { showError } from './errors.js';

export async function listThreads(agentId, resourceId) {
  const page = await api.get('api/memory/threads', { query: { agentId, resourceId, perPage: 100 } });
  return (page && page.threads) || [];
}

export async function createThread(agentId, resourceId, title) {
  return api.post('api/memory/threads', { resourceId, title }, { query: { agentId } });
}

export async function loadMessages(agentId, threadId) {
  const page = await api.get('api/memory/threads/' + api.seg(threadId) + '/messages', { query: { agentId, perPage: 100 } });
  return (page && page.messages) || [];
}

/**
 * Renders the sidebar for agentId, marking currentId. actions: {open(threadId), created(thread), deleted(threadId)}.
 */
export async function renderThreads(agentId, resourceId, currentId, actions) {
  const list = clear($('thread-list'));
  let threads;
  try {
    threads = await listThreads(agentId, resourceId);
  } catch (error) {
    showError(error);
    return;
  }
  if (!threads.length) {
    list.append(h('li', { className: 'muted' }, 'No threads yet.'));
  }
  for (const thread of threads) {
    list.append(threadItem(agentId, thread, thread.id === currentId, actions));
  }
}

function titleOf(thread) {
  return thread.title && thread.title.trim() ? thread.title : 'Untitled thread';
}

function threadItem(agentId, thread, current, actions) {
  const item = h('li', { className: 'thread', dataset: { threadId: thread.id } });
  const open = h(
    'a',
    { href: '#/agents/' + encodeURIComponent(agentId) + '/threads/' + encodeURIComponent(thread.id), className: 'thread-open', 'aria-current': current ? 'page' : null },
    titleOf(thread),
  );
  const rename = h('button', { type: 'button', className: 'small', 'aria-label': 'Rename thread ' + titleOf(thread), onclick: () => startRename() }, 'Rename');
  const remove = h('button', { type: 'button', className: 'small danger', 'aria-label': 'Delete thread ' + titleOf(thread), onclick: () => confirmDelete() }, 'Delete');
  item.append(open, h('span', { className: 'thread-actions' }, rename, remove));

  function startRename() {
    const input = h('input', { type: 'text', value: titleOf(thread), 'aria-label': 'New title for ' + titleOf(thread) });
    const save = async () => {
      try {
        await api.patch('api/memory/threads/' + api.seg(thread.id), { title: input.value.trim() }, { query: { agentId } });
        actions.changed();
      } catch (error) {
        showError(error);
      }
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') { event.preventDefault(); save(); }
      if (event.key === 'Escape') actions.changed();
    });
    clear(item).append(input, h('span', { className: 'thread-actions' },
      h('button', { type: 'button', className: 'small', onclick: save }, 'Save'),
      h('button', { type: 'button', className: 'small', onclick: () => actions.changed() }, 'Cancel')));
    input.focus();
    input.select();
  }

  let armed = false;
  async function confirmDelete() {
    if (!armed) {
      armed = true;
      remove.textContent = 'Confirm delete';
      setTimeout(() => { armed = false; remove.textContent = 'Delete'; }, 4000);
      return;
    }
    try {
      await api.del('api/memory/threads/' + api.seg(thread.id), { query: { agentId } });
      actions.deleted(thread.id);
    } catch (error) {
      showError(error);
    }
  }
  return item;
}
