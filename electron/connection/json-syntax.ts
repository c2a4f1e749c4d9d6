/**
 * Where a text stops being JSON, as a line and column (from 1), or null when it is JSON.
 * V8's own message sometimes quotes the text around the error, and a policy file may hold a
 * proxy password: so the position is found here and only the position is ever reported.
 */
export function jsonSyntaxErrorPosition(text: string): { line: number; column: number } | null {
  if (isViablePrefix(text, text.length) === 'complete') return null;
  // The longest prefix that is still the start of some JSON text; the error is right after it.
  // (Being such a prefix is monotone: once a prefix cannot be continued, no longer one can.)
  let viable = 0;
  let notViable = text.length + 1;
  while (notViable - viable > 1) {
    const middle = Math.floor((viable + notViable) / 2);
    if (isViablePrefix(text, middle) === 'no') notViable = middle;
    else viable = middle;
  }
  return lineAndColumn(text, Math.min(viable, text.length));
}

function isViablePrefix(text: string, length: number): 'complete' | 'yes' | 'no' {
  const prefix = text.slice(0, length);
  try {
    JSON.parse(prefix);
    return 'complete';
  } catch (error) {
    const message = (error as Error).message;
    if (message.startsWith('Unexpected end of JSON input')) return 'yes';
    // "… in JSON at position N": an error at the very end means the text merely stops there.
    const at = /at position (\d+)/.exec(message);
    return at && Number(at[1]) >= prefix.length ? 'yes' : 'no';
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
