import { beforeAll, describe, expect, it } from 'vitest';
import { KubeconfigProblem, readKubeconfig } from '../../electron/preflight/kubeconfig';
import {
  KubeconfigSyntaxError,
  parseKubeconfigYaml,
} from '../../electron/preflight/kubeconfig-yaml';
import {
  generateClusterCertificates,
  type ClientCertificate,
} from '../emulator/kubernetes/certificates';

const b64 = (text: string) => Buffer.from(text).toString('base64');

/** The syntax error a document gives, with its line and reason. */
function syntaxError(text: string): string {
  try {
    parseKubeconfigYaml(text);
  } catch (error) {
    expect(error).toBeInstanceOf(KubeconfigSyntaxError);
    expect((error as Error).name).toBe('KubeconfigSyntaxError');
    return (error as Error).message;
  }
  throw new Error(`expected a syntax error for ${JSON.stringify(text)}`);
}

describe('the kubeconfig YAML reader refuses what it does not read, saying why', () => {
  it.each([
    ['', 'line 1: the document is empty'],
    ['# only a comment\n\n', 'line 1: the document is empty'],
    ['a: 1\n\tb: 2', 'line 2: tabs are not allowed for indentation'],
    ['a: 1\n---\nb: 2', 'line 2: only one YAML document is allowed'],
    ['a: 1\n...', 'line 2: only one YAML document is allowed'],
    ['a: 1\njust text', 'line 2: expected "key: value"'],
    ['a: 1\na: 2', 'line 2: the key "a" is repeated or not allowed'],
    ['__proto__: x', 'line 1: the key "__proto__" is repeated or not allowed'],
    ['constructor: x', 'line 1: the key "constructor" is repeated or not allowed'],
    ['prototype: x', 'line 1: the key "prototype" is repeated or not allowed'],
    ['a: b\n  c: d', 'line 2: unexpected indentation'],
    ['  a: b\nc: d', 'line 2: unexpected indentation'],
    ['a:\n  b: c\n    d: e', 'line 3: unexpected indentation'],
    ['a: |x', 'line 1: unreadable block scalar header'],
    ['a: "open', 'line 1: unterminated double-quoted text'],
    ['a: "x" y', 'line 1: unterminated double-quoted text'],
    ["a: 'open", 'line 1: unterminated single-quoted text'],
    ['a: "\\q"', 'line 1: unknown escape "\\q"'],
    ['a: &anchor x', 'line 1: anchors, aliases, tags and flow collections are not supported'],
    ['a: *alias', 'line 1: anchors, aliases, tags and flow collections are not supported'],
    ['a: !tag x', 'line 1: anchors, aliases, tags and flow collections are not supported'],
    ['a: {b: c}', 'line 1: anchors, aliases, tags and flow collections are not supported'],
    ['a: [b]', 'line 1: anchors, aliases, tags and flow collections are not supported'],
    ['- |x', 'line 1: anchors, aliases, tags and flow collections are not supported'],
    ['- >x', 'line 1: anchors, aliases, tags and flow collections are not supported'],
    ['true: x', 'line 1: a key must be text'],
    ['~: x', 'line 1: a key must be text'],
  ])('%j → %s', (text, message) => {
    expect(syntaxError(text)).toBe(message);
  });

  it('refuses nesting deeper than its limit, and reads it just below', () => {
    const nested = (depth: number) =>
      Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' v';
    expect(syntaxError(nested(40))).toMatch(/^line \d+: nesting is too deep$/);
    expect(() => parseKubeconfigYaml(nested(30))).not.toThrow();
  });
});

describe('the kubeconfig YAML reader reads exact values', () => {
  it('reads plain, quoted and special scalars', () => {
    expect(
      parseKubeconfigYaml(
        [
          'plain: some text here # a comment',
          'hash: a#b',
          'dq: "x # not a comment" # a comment',
          "sq: 'it''s' # a comment",
          'esc: "\\n\\t\\r\\"\\\\\\/\\0\\ \\u00e9\\x41"',
          'n1: ~',
          'n2: null',
          'n3: Null',
          'n4: NULL',
          't1: true',
          't2: True',
          't3: TRUE',
          'f1: false',
          'f2: False',
          'f3: FALSE',
          'other: yes',
          'num: 443',
          'obj: {}',
          'arr: []',
          'empty:',
          '"quoted key": 1',
          "'single key': 2",
          '-dash: 3',
        ].join('\n'),
      ),
    ).toEqual({
      plain: 'some text here',
      hash: 'a#b',
      dq: 'x # not a comment',
      sq: "it's",
      esc: '\n\t\r"\\/\0 éA',
      n1: null,
      n2: null,
      n3: null,
      n4: null,
      t1: true,
      t2: true,
      t3: true,
      f1: false,
      f2: false,
      f3: false,
      other: 'yes',
      num: '443',
      obj: {},
      arr: [],
      empty: null,
      'quoted key': '1',
      'single key': '2',
      '-dash': '3',
    });
  });

  it('reads sequences at and under their key, compact items, empty items and nested lists', () => {
    expect(
      parseKubeconfigYaml(
        [
          '---',
          '# leading comment',
          'a:',
          '- x',
          '-',
          '  inner: 1',
          '- - deep',
          '  - deeper',
          '-',
          'b:',
          '  - name: one',
          '    value: 1',
          '  - name: two',
          'c:',
          'd: last',
        ].join('\r\n'),
      ),
    ).toEqual({
      a: ['x', { inner: '1' }, ['deep', 'deeper'], null],
      b: [{ name: 'one', value: '1' }, { name: 'two' }],
      c: null,
      d: 'last',
    });
    expect(parseKubeconfigYaml('- a\n- b')).toEqual(['a', 'b']);
    expect(parseKubeconfigYaml('a:\n  b:\nc: 1')).toEqual({ a: { b: null }, c: '1' });
  });

  it('reads literal, folded, stripped and indented block scalars', () => {
    expect(
      parseKubeconfigYaml(
        [
          'lit: |',
          '  one',
          '',
          '    two',
          'strip: |-',
          '  x',
          '  y',
          'fold: > # comment',
          '  a',
          '  b',
          'ind: |2',
          '    deep',
          '  base',
          'rev: |-2',
          '   r',
          'keep: |+',
          '  k',
          '',
          'after: done',
        ].join('\n'),
      ),
    ).toEqual({
      lit: 'one\n\n  two\n',
      strip: 'x\ny',
      fold: 'a b\n',
      ind: '  deep\nbase\n',
      rev: ' r',
      keep: 'k\n',
      after: 'done',
    });
  });
});

describe('readKubeconfig refuses hostile answers with a specific problem', () => {
  const problem = (base64: string): string => {
    try {
      readKubeconfig(base64);
    } catch (error) {
      expect(error).toBeInstanceOf(KubeconfigProblem);
      expect((error as Error).name).toBe('KubeconfigProblem');
      return (error as Error).message;
    }
    throw new Error('expected a problem');
  };

  it('names the YAML line that could not be read, and refuses broken JSON without a line', () => {
    expect(problem(b64('clusters:\n  - name: a\n  - name: "x'))).toBe(
      'the kubeconfig Azure answered could not be read (line 3: unterminated double-quoted text)',
    );
    expect(problem(b64('  { "clusters": ['))).toBe(
      'the kubeconfig Azure answered could not be read',
    );
  });

  it('refuses a non-base64 answer and an oversized one', () => {
    expect(problem('not*base64')).toBe('the kubeconfig Azure answered is not base64');
    expect(problem('A'.repeat(Math.ceil((64 * 1024 * 4) / 3) + 5))).toBe(
      'the kubeconfig Azure answered is far larger than a kubeconfig',
    );
  });

  it('refuses a document naming no cluster', () => {
    expect(problem(b64('clusters: []'))).toBe(
      'the kubeconfig Azure answered names no usable cluster',
    );
    expect(problem(b64('{"clusters": [{"name": "a"}]}'))).toBe(
      'the kubeconfig Azure answered names no usable cluster',
    );
  });
});

describe('readKubeconfig picks the right cluster and user, or says what is wrong', () => {
  let ca = '';
  let client: ClientCertificate;
  beforeAll(async () => {
    const certificates = await generateClusterCertificates();
    ca = certificates.caPem;
    client = await certificates.issueClientCertificate('clusterUser');
  });
  const data = (pem: string) => Buffer.from(pem).toString('base64');
  const config = (override: (c: Record<string, unknown>) => void = () => {}) => {
    const c: Record<string, unknown> = {
      clusters: [
        {
          name: 'other',
          cluster: { server: 'https://wrong.example', 'certificate-authority-data': data(ca) },
        },
        {
          name: 'aks',
          cluster: { server: 'https://aks.example:443/p', 'certificate-authority-data': data(ca) },
        },
      ],
      contexts: [{ name: 'ctx', context: { cluster: 'aks', user: 'u2' } }],
      'current-context': 'ctx',
      users: [
        { name: 'u1', user: {} },
        {
          name: 'u2',
          user: {
            'client-certificate-data': data(client.certPem),
            'client-key-data': data(client.keyPem),
          },
        },
      ],
    };
    override(c);
    return b64(JSON.stringify(c));
  };
  const problem = (base64: string): string => {
    try {
      readKubeconfig(base64);
    } catch (error) {
      expect(error).toBeInstanceOf(KubeconfigProblem);
      return (error as Error).message;
    }
    throw new Error('expected a problem');
  };
  type Clusters = Array<{ cluster: Record<string, unknown> }>;
  type Users = Array<{ user: Record<string, unknown> }>;
  const aks = (c: Record<string, unknown>) => (c.clusters as Clusters)[1]!.cluster;
  const u2 = (c: Record<string, unknown>) => (c.users as Users)[1]!.user;

  it('takes the current context’s cluster and user, not the first ones', () => {
    const target = readKubeconfig(config());
    expect(target.server.href).toBe('https://aks.example/p');
    expect(target.caPem).toBe(ca.trim());
    expect(target.clientCertificate?.certPem).toBe(client.certPem.trim());
    expect(target.clientCertificate?.keyPem).toBe(client.keyPem);
  });

  it('takes the first cluster and user when no context is current', () => {
    const target = readKubeconfig(config((c) => delete c['current-context']));
    expect(target.server.href).toBe('https://wrong.example/');
    expect(target.clientCertificate).toBeNull();
  });

  it.each<[string, (c: Record<string, unknown>) => void, string]>([
    [
      'a context naming a missing cluster',
      (c) =>
        ((c.contexts as Array<{ context: Record<string, unknown> }>)[0]!.context.cluster = 'gone'),
      'the kubeconfig names a cluster it does not describe',
    ],
    [
      'certificate checks off',
      (c) => (aks(c)['insecure-skip-tls-verify'] = true),
      'the kubeconfig turns certificate checks off, which Mooring never does',
    ],
    [
      'no CA',
      (c) => delete aks(c)['certificate-authority-data'],
      'the kubeconfig names no certificate authority for its API server',
    ],
    [
      'a server that is no URL',
      (c) => (aks(c).server = 'not a url'),
      'the API server address in the kubeconfig is not a URL',
    ],
    [
      'an http server',
      (c) => (aks(c).server = 'http://aks.example'),
      'the API server in the kubeconfig is not reached over https',
    ],
    ...[
      'https://u@aks.example',
      'https://:p@aks.example',
      'https://aks.example/?q',
      'https://aks.example/#h',
    ].map((server): [string, (c: Record<string, unknown>) => void, string] => [
      `the server ${server}`,
      (c) => (aks(c).server = server),
      'the API server address in the kubeconfig carries credentials or a query',
    ]),
    [
      'a CA that is not base64',
      (c) => (aks(c)['certificate-authority-data'] = '***'),
      'a certificate in the kubeconfig is not base64',
    ],
    [
      'a CA with no certificate block',
      (c) => (aks(c)['certificate-authority-data'] = data('hello')),
      'the certificate authority in the kubeconfig is not a valid certificate',
    ],
    [
      'a CA bundle with one broken certificate',
      (c) =>
        (aks(c)['certificate-authority-data'] = data(
          `${ca}\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n`,
        )),
      'the certificate authority in the kubeconfig is not a valid certificate',
    ],
    [
      'a certificate without its key',
      (c) => delete u2(c)['client-key-data'],
      'the kubeconfig carries half of a client certificate (certificate or key missing)',
    ],
    [
      'a key without its certificate',
      (c) => delete u2(c)['client-certificate-data'],
      'the kubeconfig carries half of a client certificate (certificate or key missing)',
    ],
    [
      'a key that is no key',
      (c) => (u2(c)['client-key-data'] = data('nope')),
      'the client key in the kubeconfig is not a valid private key',
    ],
    [
      'a client certificate that is no certificate',
      (c) => (u2(c)['client-certificate-data'] = data('nope')),
      'the client certificate in the kubeconfig is not a valid certificate',
    ],
  ])('refuses %s', (_what, override, message) => {
    expect(problem(config(override))).toBe(message);
  });

  it('keeps every certificate of a CA bundle', () => {
    const target = readKubeconfig(
      config((c) => (aks(c)['certificate-authority-data'] = data(`${ca}\n${ca}`))),
    );
    expect(target.caPem).toBe(`${ca.trim()}\n${ca.trim()}`);
  });
});
