/**
 * Command-line switches that open the main process or a renderer to a debugger. The fuses turn
 * off Node's own options in a packaged build; these are Chromium's and V8's, which no fuse covers,
 * and any of them would let another program on the machine read the tokens Mooring holds.
 */
const REFUSED_SWITCHES = ['remote-debugging-port', 'remote-debugging-pipe', 'js-flags'] as const;
const REFUSED_PREFIX = 'inspect'; // --inspect, --inspect-brk, --inspect-port, --inspect-brk-node …

/**
 * The switch name of one argument, lower-case, or null when it is not a switch. Chromium reads
 * `--name`, `-name` and (on Windows) `/name`, with or without `=value`, case-insensitively on
 * Windows; all of them are recognised here.
 */
function switchName(argument: string, platform: NodeJS.Platform): string | null {
  const prefix =
    /^(--|-)/.exec(argument)?.[0] ??
    (platform === 'win32' && argument.startsWith('/') ? '/' : null);
  if (prefix === null) return null;
  const name = argument.slice(prefix.length).split('=')[0] ?? '';
  return name === '' ? null : name.toLowerCase();
}

/**
 * The one sentence a packaged Mooring answers when started with a debugging switch, or null when
 * it may start. A development build accepts them (developers debug it). `argv` is the whole
 * process.argv; its first entry (the executable) is skipped.
 */
export function refusedDebugSwitch(
  argv: readonly string[],
  isPackaged: boolean,
  platform: NodeJS.Platform = process.platform,
): string | null {
  if (!isPackaged) return null;
  for (const argument of argv.slice(1)) {
    const name = switchName(argument, platform);
    if (name === null) continue;
    if ((REFUSED_SWITCHES as readonly string[]).includes(name) || name.startsWith(REFUSED_PREFIX)) {
      return `Mooring does not start with --${name}, because a debugger attached that way could read your Azure tokens; start Mooring without it.`;
    }
  }
  return null;
}
