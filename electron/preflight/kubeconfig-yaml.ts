/**
 * A deliberately small YAML reader for kubeconfigs, the subset that `kubectl config view`, AKS and
 * client-go's marshaller write: block mappings and sequences (sequences may sit at their key's
 * indentation), compact `- key: value` items, plain, single- and double-quoted scalars, the empty
 * flow collections `{}` and `[]`, block scalars (`|`, `|-`, `|2`, `>`), and full-line comments.
 * Anything else — anchors, aliases, tags, non-empty flow collections, tabs, duplicate keys, more
 * than one document — is refused rather than guessed at: the answer comes from a server, and a
 * kubeconfig that reads two ways must not be read the generous way.
 */

export type YamlValue = string | boolean | null | YamlValue[] | { [key: string]: YamlValue };

export class KubeconfigSyntaxError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
    this.name = 'KubeconfigSyntaxError';
  }
}

interface Line {
  readonly number: number;
  readonly indent: number;
  readonly text: string;
}

const MAX_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const KEY =
  /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s'"#\-?:,[\]{}&*!|>%@`][^:#]*?|-[^\s:][^:#]*?)\s*:(?:\s+(.*))?$/;

export function parseKubeconfigYaml(text: string): YamlValue {
  const lines = significantLines(text);
  if (lines.length === 0) throw new KubeconfigSyntaxError(1, 'the document is empty');
  const parser = new BlockParser(lines, text.split(/\r?\n/));
  const first = lines[0] as Line;
  const value = parser.block(first.indent, 0);
  const rest = parser.peek();
  if (rest) throw new KubeconfigSyntaxError(rest.number, 'unexpected indentation');
  return value;
}

function significantLines(text: string): Line[] {
  const lines: Line[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const number = index + 1;
    const indentText = /^[ \t]*/.exec(raw)?.[0] ?? '';
    const content = raw.slice(indentText.length).replace(/\s+$/, '');
    if (content === '' || content.startsWith('#')) return;
    if (indentText.includes('\t'))
      throw new KubeconfigSyntaxError(number, 'tabs are not allowed for indentation');
    if (content === '---' && lines.length === 0) return;
    if (content === '---' || content === '...')
      throw new KubeconfigSyntaxError(number, 'only one YAML document is allowed');
    lines.push({ number, indent: indentText.length, text: content });
  });
  return lines;
}

const isSequenceItem = (text: string): boolean => text === '-' || text.startsWith('- ');

class BlockParser {
  private position = 0;

  constructor(
    private readonly lines: Line[],
    /** Every line as written (blank ones included), for block scalars. */
    private readonly raw: readonly string[],
  ) {}

  peek(): Line | undefined {
    return this.lines[this.position];
  }

  block(indent: number, depth: number): YamlValue {
    if (depth > MAX_DEPTH)
      throw new KubeconfigSyntaxError(this.peek()?.number ?? 0, 'nesting is too deep');
    const line = this.peek();
    if (!line) return null;
    return isSequenceItem(line.text) ? this.sequence(indent, depth) : this.mapping(indent, depth);
  }

  private mapping(indent: number, depth: number): { [key: string]: YamlValue } {
    const result: { [key: string]: YamlValue } = {};
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      if (isSequenceItem(line.text)) break;
      const match = KEY.exec(line.text);
      if (!match) throw new KubeconfigSyntaxError(line.number, 'expected "key: value"');
      const key = scalarKey(match[1] ?? '', line.number);
      if (FORBIDDEN_KEYS.has(key) || Object.hasOwn(result, key)) {
        throw new KubeconfigSyntaxError(line.number, `the key "${key}" is repeated or not allowed`);
      }
      this.position += 1;
      result[key] = this.valueAfterKey(match[2], line, indent, depth);
    }
    const next = this.peek();
    if (next && next.indent > indent)
      throw new KubeconfigSyntaxError(next.number, 'unexpected indentation');
    return result;
  }

  private valueAfterKey(
    rest: string | undefined,
    line: Line,
    indent: number,
    depth: number,
  ): YamlValue {
    if (rest !== undefined && rest !== '') {
      if (/^[|>]/.test(rest)) return this.blockScalar(rest, line, indent);
      return scalar(rest, line.number);
    }
    const next = this.peek();
    if (!next) return null;
    if (next.indent > indent) return this.block(next.indent, depth + 1);
    // client-go writes a key's sequence at the key's own indentation.
    if (next.indent === indent && isSequenceItem(next.text))
      return this.sequence(indent, depth + 1);
    return null;
  }

  private sequence(indent: number, depth: number): YamlValue[] {
    const items: YamlValue[] = [];
    for (
      let line = this.peek();
      line && line.indent === indent && isSequenceItem(line.text);
      line = this.peek()
    ) {
      const rest = line.text.slice(1).replace(/^ +/, '');
      if (rest === '') {
        this.position += 1;
        const next = this.peek();
        items.push(next && next.indent > indent ? this.block(next.indent, depth + 1) : null);
        continue;
      }
      const offset = line.indent + (line.text.length - rest.length);
      if (isSequenceItem(rest) || KEY.test(rest)) {
        // `- key: value` opens a mapping whose further keys sit under the first one.
        this.lines[this.position] = { number: line.number, indent: offset, text: rest };
        items.push(this.block(offset, depth + 1));
        continue;
      }
      this.position += 1;
      items.push(scalar(rest, line.number));
    }
    return items;
  }

  /** `|`, `|-`, `|2`, `>`…: the more-indented lines that follow, as text. */
  private blockScalar(header: string, line: Line, indent: number): string {
    const match =
      /^([|>])([1-9])?([+-])?(?:\s+#.*)?$/.exec(header) ??
      /^([|>])([+-])?([1-9])?(?:\s+#.*)?$/.exec(header);
    if (!match) throw new KubeconfigSyntaxError(line.number, 'unreadable block scalar header');
    const folded = match[1] === '>';
    const chomp = [match[2], match[3]].find((c) => c === '-' || c === '+');
    const explicit = [match[2], match[3]].find((c) => c !== undefined && /[1-9]/.test(c));
    const body: string[] = [];
    let contentIndent = explicit ? indent + Number(explicit) : undefined;
    let rawIndex = line.number; // the raw line after the header (0-based index = number)
    while (rawIndex < this.raw.length) {
      const raw = this.raw[rawIndex] ?? '';
      const lead = /^ */.exec(raw)?.[0].length ?? 0;
      if (raw.trim() !== '') {
        if (lead <= indent) break;
        contentIndent ??= lead;
        if (lead < contentIndent) break;
      }
      body.push(raw.trim() === '' ? '' : raw.slice(contentIndent));
      rawIndex += 1;
    }
    // Skip the significant lines the block scalar consumed.
    while ((this.peek()?.number ?? Infinity) <= rawIndex) this.position += 1;
    while (body.length > 0 && body.at(-1) === '') body.pop();
    const text = folded ? body.join(' ') : body.join('\n');
    return chomp === '-' ? text : `${text}\n`;
  }
}

function scalarKey(text: string, line: number): string {
  const value = scalar(text, line);
  if (typeof value !== 'string') throw new KubeconfigSyntaxError(line, 'a key must be text');
  return value;
}

function scalar(text: string, line: number): YamlValue {
  if (text.startsWith('"')) return doubleQuoted(text, line);
  if (text.startsWith("'")) {
    const match = /^'((?:[^']|'')*)'(?:\s+#.*)?$/.exec(text);
    if (!match) throw new KubeconfigSyntaxError(line, 'unterminated single-quoted text');
    return (match[1] ?? '').replace(/''/g, "'");
  }
  const plain = text.replace(/\s+#.*$/, '');
  if (plain === '{}') return {};
  if (plain === '[]') return [];
  if (/^[&*!{[]/.test(plain) || plain.startsWith('|') || plain.startsWith('>')) {
    throw new KubeconfigSyntaxError(
      line,
      'anchors, aliases, tags and flow collections are not supported',
    );
  }
  if (plain === '~' || plain === 'null' || plain === 'Null' || plain === 'NULL') return null;
  if (/^(true|True|TRUE)$/.test(plain)) return true;
  if (/^(false|False|FALSE)$/.test(plain)) return false;
  return plain;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '"': '"',
  '\\': '\\',
  '/': '/',
  '0': '\0',
  ' ': ' ',
};

function doubleQuoted(text: string, line: number): string {
  const match = /^"((?:[^"\\]|\\.)*)"(?:\s+#.*)?$/.exec(text);
  if (!match) throw new KubeconfigSyntaxError(line, 'unterminated double-quoted text');
  return (match[1] ?? '').replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, escape: string) => {
    if (escape.length > 1) return String.fromCharCode(parseInt(escape.slice(1), 16));
    const replacement = ESCAPES[escape];
    if (replacement === undefined)
      throw new KubeconfigSyntaxError(line, `unknown escape "\\${escape}"`);
    return replacement;
  });
}
