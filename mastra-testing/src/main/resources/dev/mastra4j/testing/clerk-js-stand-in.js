// A STAND-IN for ClerkJS (served by dev.mastra4j.testing.ClerkJsStandIn), for offline browser tests. It is NOT
// Clerk's code: it implements the small part of ClerkJS's browser API that Studio uses, and its sign-in form asks
// only for an email address. Tokens come from the stand-in's loopback server, freshly minted on every getToken().
(() => {
  const script = document.currentScript;
  const origin = new URL(script.src).origin;
  const STORAGE_KEY = 'clerk-js-stand-in.session';
  const listeners = new Set();
  let user = null;
  let session = null;

  async function call(method, path, body) {
    const response = await fetch(origin + path, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
      cache: 'no-store',
    });
    const data = await response.json();
    if (!response.ok) throw new Error(data.error || 'Request failed');
    return data;
  }

  function use(data) {
    if (data) {
      user = { id: data.user.id, fullName: null, primaryEmailAddress: { emailAddress: data.user.email } };
      session = {
        id: data.sessionId,
        getToken: async () => (await call('POST', '/v1/client/sessions/' + encodeURIComponent(data.sessionId) + '/tokens')).jwt,
      };
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(data));
    } else {
      user = null;
      session = null;
      sessionStorage.removeItem(STORAGE_KEY);
    }
  }

  function notify() {
    for (const listener of listeners) listener({ user, session });
  }

  window.Clerk = {
    isStandIn: true,
    publishableKey: script.getAttribute('data-clerk-publishable-key'),
    loaded: false,
    get user() { return user; },
    get session() { return session; },
    async load() {
      const saved = sessionStorage.getItem(STORAGE_KEY);
      if (saved) use(JSON.parse(saved));
      this.loaded = true;
    },
    addListener(listener) {
      listeners.add(listener);
      listener({ user, session });
      return () => listeners.delete(listener);
    },
    mountSignIn(element) {
      const form = document.createElement('form');
      form.className = 'cl-stand-in-sign-in';
      const title = document.createElement('h3');
      title.textContent = 'Sign in (ClerkJS stand-in for tests)';
      const label = document.createElement('label');
      label.textContent = 'Email address';
      label.htmlFor = 'cl-stand-in-email';
      const input = document.createElement('input');
      input.id = 'cl-stand-in-email';
      input.type = 'email';
      input.required = true;
      const button = document.createElement('button');
      button.type = 'submit';
      button.textContent = 'Continue';
      const error = document.createElement('p');
      error.setAttribute('role', 'alert');
      form.append(title, label, input, button, error);
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        try {
          use(await call('POST', '/v1/client/sign_ins', { identifier: input.value }));
          notify();
        } catch (e) {
          error.textContent = e.message;
        }
      });
      element.append(form);
    },
    unmountSignIn(element) {
      element.textContent = '';
    },
    async signOut() {
      if (session) {
        try {
          await call('DELETE', '/v1/client/sessions/' + encodeURIComponent(session.id));
        } catch {
          // already gone
        }
      }
      use(null);
      notify();
    },
  };
})();
