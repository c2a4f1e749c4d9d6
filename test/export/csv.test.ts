import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../shared/export/csv';

describe('CSV cells', () => {
  it('writes plain text as it is', () => {
    expect(csvCell('aks-prod')).toBe('aks-prod');
    expect(csvCell('Contoso ML Production')).toBe('Contoso ML Production');
    expect(csvCell('Zürich – 東京')).toBe('Zürich – 東京');
  });

  it('writes null and undefined as empty cells', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('')).toBe('');
  });

  it('quotes a cell holding a comma, a quote, a line feed or a carriage return (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('x\r\ny')).toBe('"x\r\ny"');
    expect(csvCell('"')).toBe('""""');
  });

  it.each([
    ['=1+1', "'=1+1"],
    [
      '=HYPERLINK("http://evil.example","click")',
      `"'=HYPERLINK(""http://evil.example"",""click"")"`,
    ],
    ['+cmd|/C calc!A0', "'+cmd|/C calc!A0"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
  ])('neutralises %j so a spreadsheet shows it as text', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('quotes a neutralised cell that starts with a carriage return', () => {
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
  });

  it('leaves text with those characters further in alone', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('user@contoso.com')).toBe('user@contoso.com');
    expect(csvCell('k8s-a')).toBe('k8s-a');
    expect(csvCell(' =1')).toBe(' =1');
  });

  it('writes numbers as numbers, negative ones too, and non-finite ones as empty', () => {
    expect(csvCell(42)).toBe('42');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('writes booleans as true and false, and dates in ISO 8601 UTC', () => {
    expect(csvCell(true)).toBe('true');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(new Date(Date.UTC(2026, 11, 3, 9, 5, 7, 12)))).toBe('2026-12-03T09:05:07.012Z');
    expect(csvCell(new Date('not a date'))).toBe('');
  });
});

describe('CSV files', () => {
  it('start with the UTF-8 byte-order mark and end every line with CRLF', () => {
    const file = toCsv(['Name', 'State'], [['gpu', 'Succeeded']]);
    expect(file).toBe('\uFEFFName,State\r\ngpu,Succeeded\r\n');
  });

  it('keep a cell with a line break inside its quotes, not as a new record', () => {
    const file = toCsv(['Errors'], [['A: one\nB: two'], ['']]);
    expect(file).toBe('\uFEFFErrors\r\n"A: one\nB: two"\r\n\r\n');
  });

  it('neutralise a header as well as the rows', () => {
    expect(toCsv(['=evil'], [])).toBe("\uFEFF'=evil\r\n");
  });

  it('encode to UTF-8 bytes beginning EF BB BF', () => {
    const bytes = new TextEncoder().encode(toCsv(['é'], []));
    expect([...bytes.slice(0, 5)]).toEqual([0xef, 0xbb, 0xbf, 0xc3, 0xa9]);
  });
});
