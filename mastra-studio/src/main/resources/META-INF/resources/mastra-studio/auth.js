// Signing in. Three modes, told by the server's /studio/config.json:
// - "token": a token from the address's fragment (#dev-token=..., the weather example's startup link) or a form,
//   kept in sessionStorage only (never localStorage) and removed from the address bar at once;
// - "clerk": ClerkJS from the instance's Frontend API, Clerk's sign-in, and a fresh session token before each call;
// - "none": the server has no auth.
import { $, clear, h } from './dom.js';

const TOKEN_KEY = 'mastra4j.studio.token';
const FRAGMENT = /^#dev-token=([^&]+)/;

/** Creates the sign-in for config; call signIn() and wait for it before calling the API. */
export function createAuth(config) {
  if (config.mode === 'clerk') return clerkAuth(config);
  if (config.mode === 'token') return tokenAuth();
  return {
    mode: 'none',
    signIn: async () => {},
    getToken: async () => null,
    onUnauthorized: () => {},
    describeUser: async () => null,
    signOut: null,
  };
}

function showSignIn(reason) {
  $('app').hidden = true;
  clear($('who'));
  $('sign-in').hidden = false;
  $('sign-in-reason').textContent = reason || '';
  return clear($('sign-in-body'));
}

function hideSignIn() {
  $('sign-in').hidden = true;
  clear($('sign-in-body'));
}

const SESSION_ENDED = 'Your session has ended or your token is not valid. Sign in again.';

function tokenAuth() {
  // Take the token out of the address before anything else, so it is not left in history or shown.
  const match = location.hash.match(FRAGMENT);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  const signedOut = (reason) => {
    sessionStorage.removeItem(TOKEN_KEY);
    const body = showSignIn(reason);
    const input = h('input', { id: 'token-input', type: 'password', autocomplete: 'off', required: true });
    const form = h(
      'form',
      {
        className: 'token-form',
        onsubmit: (event) => {
          event.preventDefault();
          sessionStorage.setItem(TOKEN_KEY, input.value.trim());
          location.reload();
        },
      },
      h('p', {}, 'Open the Studio link printed in the server\u2019s startup log, or paste a token here.'),
      h('label', { for: 'token-input' }, 'Token'),
      input,
      h('button', { type: 'submit' }, 'Sign in'),
    );
    body.append(form);
    input.focus();
  };
  return {
    mode: 'token',
    signIn: async () => {
      if (!sessionStorage.getItem(TOKEN_KEY)) {
        signedOut('You are not signed in.');
        return new Promise(() => {}); // the form reloads the page
      }
    },
    getToken: async () => sessionStorage.getItem(TOKEN_KEY),
    onUnauthorized: () => signedOut(SESSION_ENDED),
    describeUser: null,
    signOut: () => signedOut('You signed out.'),
  };
}

function loadScript(config) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = config.clerkJsUrl;
    script.async = true;
    script.setAttribute('data-clerk-publishable-key', config.publishableKey);
    script.addEventListener('load', resolve);
    script.addEventListener('error', () => reject(new Error('ClerkJS could not be loaded from ' + config.clerkJsUrl)));
    document.head.append(script);
  });
}

function clerkAuth(config) {
  let clerk = null;
  const mountSignIn = (reason) => {
    const body = showSignIn(reason);
    const mount = h('div', { id: 'clerk-sign-in' });
    body.append(mount);
    clerk.mountSignIn(mount);
    return new Promise((resolve) => {
      const stop = clerk.addListener(({ user }) => {
        if (user) {
          if (typeof stop === 'function') stop();
          clerk.unmountSignIn(mount);
          hideSignIn();
          resolve();
        }
      });
    });
  };
  return {
    mode: 'clerk',
    signIn: async () => {
      await loadScript(config);
      clerk = window.Clerk;
      await clerk.load();
      if (!clerk.user) await mountSignIn('Sign in to use Studio.');
    },
    // Clerk's session tokens live 60 s: ask ClerkJS before every call (it caches and refreshes them).
    getToken: async () => (clerk && clerk.session ? clerk.session.getToken() : null),
    onUnauthorized: () => {
      const body = showSignIn(SESSION_ENDED);
      body.append(
        h('button', { type: 'button', onclick: async () => { await clerk.signOut(); location.reload(); } }, 'Sign in again'),
      );
    },
    describeUser: async () => {
      const user = clerk && clerk.user;
      if (!user) return null;
      return (user.primaryEmailAddress && user.primaryEmailAddress.emailAddress) || user.fullName || user.id;
    },
    signOut: async () => {
      await clerk.signOut();
      location.reload();
    },
  };
}
