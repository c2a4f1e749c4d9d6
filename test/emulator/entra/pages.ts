/** The few HTML pages a human sees when signing in to the emulator from a real browser (`npm run demo`). */

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, content: string, onload = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem}button{display:block;width:100%;margin:.4rem 0;padding:.7rem;text-align:left;font-size:1rem}small{color:#555}</style>
</head><body${onload ? ` onload="${onload}"` : ''}><h1>${escapeHtml(title)}</h1>${content}</body></html>`;
}

export interface AccountChoice {
  username: string;
  name: string;
}

/** Account picker for a pending authorize request; each button completes the sign-in as that account. */
export function accountPickerPage(
  action: string,
  hiddenFields: Record<string, string>,
  accounts: AccountChoice[],
  note: string,
): string {
  const hidden = Object.entries(hiddenFields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  const buttons = accounts.length
    ? accounts
        .map(
          (a) =>
            `<button name="username" value="${escapeHtml(a.username)}">${escapeHtml(a.name)}<br><small>${escapeHtml(a.username)}</small></button>`,
        )
        .join('')
    : '<p>No account of the scenario can sign in to this tenant.</p>';
  return page(
    'Sign in (local Azure emulator)',
    `<p>${escapeHtml(note)}</p><form method="post" action="${escapeHtml(action)}">${hidden}${buttons}</form>`,
  );
}

/** The form_post response: the browser posts the code to the app's loopback redirect URI. */
export function formPostPage(redirectUri: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('');
  return page(
    'Signing in...',
    `<form method="post" action="${escapeHtml(redirectUri)}">${inputs}<noscript><button>Continue</button></noscript></form>`,
    'document.forms[0].submit()',
  );
}

export function messagePage(title: string, message: string): string {
  return page(title, `<p>${escapeHtml(message)}</p>`);
}

export function deviceLoginPage(action: string, accounts: AccountChoice[], message = ''): string {
  const options = accounts
    .map(
      (a) =>
        `<button name="username" value="${escapeHtml(a.username)}">${escapeHtml(a.name)}<br><small>${escapeHtml(a.username)}</small></button>`,
    )
    .join('');
  return page(
    'Enter code (local Azure emulator)',
    `${message ? `<p>${escapeHtml(message)}</p>` : ''}<form method="post" action="${escapeHtml(action)}"><p><label>Code <input name="user_code" autocomplete="off" required></label></p><p>Sign in as:</p>${options}</form>`,
  );
}
