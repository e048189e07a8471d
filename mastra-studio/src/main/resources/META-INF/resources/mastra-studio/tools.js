// Tools: run any tool with a form generated from its input schema (JSON Schema) and show the JSON result.
import * as api from './api.js';
import { h, clear, pretty } from './dom.js';
import { describe, showError, clearError } from './errors.js';
import { copyLastRequest } from './curl.js';

/** Renders the tools page: Mastra's tools and each agent's tools. */
export async function renderTools(view, agents) {
  clear(view).append(h('h2', {}, 'Tools'));
  let global = {};
  try {
    global = (await api.get('api/tools')) || {};
  } catch (error) {
    showError(error);
  }
  const entries = [];
  for (const tool of Object.values(global)) entries.push({ tool, path: 'api/tools/' + api.seg(tool.id) + '/execute', owner: null });
  for (const agent of agents) {
    for (const tool of Object.values(agent.tools || {})) {
      if (global[tool.id]) continue; // served by Mastra's own tool route already
      entries.push({ tool, path: 'api/agents/' + api.seg(agent.id) + '/tools/' + api.seg(tool.id) + '/execute', owner: agent.name });
    }
  }
  if (!entries.length) view.append(h('p', { className: 'muted' }, 'No tools.'));
  entries.forEach((entry, index) => view.append(toolForm(entry, index)));
}

function toolForm({ tool, path, owner }, index) {
  const schema = tool.inputSchema || {};
  const properties = schema.properties || {};
  const required = new Set(schema.required || []);
  const fields = [];
  const form = h('form', { className: 'tool-form', 'aria-label': 'Run ' + tool.id, dataset: { toolForm: tool.id } });
  form.append(
    h('h3', {}, h('code', {}, tool.id), owner ? ' (' + owner + ')' : ''),
    tool.description ? h('p', {}, tool.description) : null,
  );
  for (const [name, property] of Object.entries(properties)) {
    const id = 'tool-' + index + '-' + name;
    const control = fieldFor(id, property, required.has(name));
    fields.push({ name, property, control });
    form.append(h('div', { className: 'field' },
      h('label', { for: id }, name + (required.has(name) ? ' (required)' : '')),
      control,
      property.description ? h('small', {}, property.description) : null));
  }
  const result = h('pre', { className: 'tool-result', 'aria-live': 'polite', 'aria-label': 'Result of ' + tool.id });
  const curlOut = h('pre', { className: 'curl', hidden: true });
  form.append(
    h('div', { className: 'actions' },
      h('button', { type: 'submit' }, 'Run ' + tool.id),
      h('button', { type: 'button', onclick: async () => { curlOut.textContent = (await copyLastRequest()) || 'No request yet.'; curlOut.hidden = false; } }, 'Copy as curl')),
    result,
    curlOut,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearError();
    let data;
    try {
      data = collect(fields);
    } catch (error) {
      result.textContent = error.message;
      return;
    }
    result.textContent = 'Running…';
    try {
      result.textContent = pretty(await api.post(path, { data }));
    } catch (error) {
      result.textContent = describe(error);
      showError(error);
    }
  });
  return form;
}

function fieldFor(id, property, isRequired) {
  const type = Array.isArray(property.type) ? property.type.find((t) => t !== 'null') : property.type;
  if (Array.isArray(property.enum)) {
    return h('select', { id, required: isRequired }, isRequired ? null : h('option', { value: '' }, '—'),
      property.enum.map((value) => h('option', { value: String(value) }, String(value))));
  }
  if (type === 'boolean') return h('input', { id, type: 'checkbox' });
  if (type === 'number' || type === 'integer') return h('input', { id, type: 'number', step: type === 'integer' ? '1' : 'any', required: isRequired });
  if (type === 'object' || type === 'array') return h('textarea', { id, rows: 3, required: isRequired, placeholder: type === 'array' ? '[]' : '{}' });
  return h('input', { id, type: 'text', required: isRequired });
}

function collect(fields) {
  const data = {};
  for (const { name, property, control } of fields) {
    const type = Array.isArray(property.type) ? property.type.find((t) => t !== 'null') : property.type;
    if (control.type === 'checkbox') {
      data[name] = control.checked;
    } else if (control.value === '') {
      continue;
    } else if (type === 'number' || type === 'integer') {
      data[name] = Number(control.value);
    } else if (type === 'object' || type === 'array') {
      try {
        data[name] = JSON.parse(control.value);
      } catch {
        throw new Error(name + ' must be JSON.');
      }
    } else {
      data[name] = control.value;
    }
  }
  return data;
}
