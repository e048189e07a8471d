// The agent list: one link per agent, named by the agent's name.
import * as api from './api.js';
import { $, h, clear } from './dom.js';

/** Loads the agents, in the server's order. */
export async function loadAgents() {
  const agents = (await api.get('api/agents')) || {};
  return Object.entries(agents).map(([id, agent]) => ({ ...agent, id: agent.id || id }));
}

/** Renders the agent links, marking currentId as the current page. */
export function renderAgentList(agents, currentId) {
  const list = clear($('agent-list'));
  if (!agents.length) list.append(h('li', { className: 'muted' }, 'No agents.'));
  for (const agent of agents) {
    list.append(h('li', {}, h('a', {
      href: '#/agents/' + encodeURIComponent(agent.id),
      'aria-current': agent.id === currentId ? 'page' : null,
      dataset: { agentId: agent.id },
    }, agent.name || agent.id)));
  }
}
