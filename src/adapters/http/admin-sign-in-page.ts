import type { Language } from '../../core/language/languages.js';
import { escapeHtml } from '../../i18n/escape-html.js';
import type { Translate } from '../../i18n/translator.js';
import type { HttpResponse } from './types.js';

/** The page may not load anything, run scripts or be framed; its form may only post back here. */
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/**
 * 401 with a sign-in form for an admin page: the token is posted (never put in a URL, where proxies and
 * browser history would keep it) to `action` as the form field `token`. `wrongToken` after a failed try.
 */
export function signInPage(opts: {
  action: string;
  lang: Language;
  translate: Translate;
  wrongToken: boolean;
}): HttpResponse {
  const t = (key: string) => escapeHtml(opts.translate(opts.lang, `dashboard:${key}`));
  const body = `<!doctype html>
<html lang="${opts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('sign_in_title')}</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 4rem auto; padding: 0 1rem; }
  label, input, button { display: block; width: 100%; box-sizing: border-box; margin-top: 0.5rem; }
  input, button { padding: 0.5rem; font-size: 1rem; }
  .error { color: #b00020; }
</style>
</head>
<body>
<h1>${t('sign_in_title')}</h1>
<p>${t('sign_in_explain')}</p>
${opts.wrongToken ? `<p class="error" role="alert">${t('wrong_token')}</p>` : ''}
<form method="post" action="${escapeHtml(opts.action)}">
<label for="token">${t('token_label')}</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">${t('sign_in')}</button>
</form>
</body>
</html>
`;
  return { status: 401, body, headers: PAGE_HEADERS };
}
