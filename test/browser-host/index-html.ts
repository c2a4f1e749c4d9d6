import { BRIDGE_SCRIPT_PATH } from './wire';

/**
 * index.html with the stand-in's script tag placed before the app's first script, so
 * `window.mooring` exists before the app runs, just as the preload guarantees in Electron.
 */
export function injectBridgeScript(html: string): string {
  const tag = `<script src="${BRIDGE_SCRIPT_PATH}"></script>`;
  const firstScript = html.search(/<script\b/i);
  if (firstScript >= 0)
    return `${html.slice(0, firstScript)}${tag}\n    ${html.slice(firstScript)}`;
  const headEnd = html.search(/<\/head>/i);
  if (headEnd < 0) throw new Error('The built index.html has neither a script tag nor a </head>.');
  return `${html.slice(0, headEnd)}  ${tag}\n  ${html.slice(headEnd)}`;
}
