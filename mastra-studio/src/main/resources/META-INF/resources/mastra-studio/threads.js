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

let generation = 0;

/**
 * Renders the sidebar for agentId, marking currentId. actions: {changed(threadId), deleted(threadId)}. focus: a
 * thread's id moves the keyboard focus to that thread's link once drawn, 'new-thread' to the New thread button.
 * Only the latest of overlapping calls draws, so the list never shows a thread twice.
 */
export async function renderThreads(agentId, resourceId, currentId, actions, focus = null) {
  const mine = ++generation;
  let threads;
  try {
    threads = await listThreads(agentId, resourceId);
  } catch (error) {
    if (mine !== generation) return;
    clear($('thread-list')).append(h('li', { className: 'muted' }, 'The threads could not be loaded.'));
    showError(error);
    return;
  }
  if (mine !== generation) return;
  const list = clear($('thread-list'));
  if (!threads.length) {
    list.append(h('li', { className: 'muted' }, 'No threads yet.'));
  }
  for (const thread of threads) {
    list.append(threadItem(agentId, thread, thread.id === currentId, actions));
  }
  if (focus === 'new-thread') {
    $('new-thread').focus();
  } else if (focus) {
    const link = list.querySelector('[data-thread-id="' + CSS.escape(focus) + '"] .thread-open');
    if (link) link.focus();
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
    const cancel = () => actions.changed(thread.id);
    const save = async () => {
      const title = input.value.trim();
      if (!title) {
        cancel(); // a blank title keeps the old one
        return;
      }
      try {
        await api.patch('api/memory/threads/' + api.seg(thread.id), { title }, { query: { agentId } });
        actions.changed(thread.id);
      } catch (error) {
        showError(error);
      }
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') { event.preventDefault(); save(); }
      if (event.key === 'Escape') { event.preventDefault(); cancel(); }
    });
    clear(item).append(input, h('span', { className: 'thread-actions' },
      h('button', { type: 'button', className: 'small', 'aria-label': 'Save the title', onclick: save }, 'Save'),
      h('button', { type: 'button', className: 'small', 'aria-label': 'Cancel renaming', onclick: cancel }, 'Cancel')));
    input.focus();
    input.select();
  }

  let armed = false;
  async function confirmDelete() {
    if (!armed) {
      // A second press within a few seconds deletes; the button says so, to the eye and to a screen reader.
      armed = true;
      remove.textContent = 'Confirm delete';
      remove.setAttribute('aria-label', 'Confirm delete thread ' + titleOf(thread));
      setTimeout(() => {
        armed = false;
        remove.textContent = 'Delete';
        remove.setAttribute('aria-label', 'Delete thread ' + titleOf(thread));
      }, 4000);
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
