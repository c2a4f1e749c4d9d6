import fs from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { parse as parseYaml } from 'yaml';

/** The repository root (this file lives in test/packaging/). */
export const projectRoot = path.resolve(import.meta.dirname, '..', '..');
export const builderConfigPath = path.join(projectRoot, 'electron-builder.yml');

/** A value read from YAML or JSON; narrowed with the helpers below before use. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value[key]` as an object, failing loudly (with the dotted path) when it is not one. */
export function objectAt(value: Json | undefined, key: string, where = key): JsonObject {
  const child = isObject(value) ? value[key] : undefined;
  if (!isObject(child)) throw new Error(`${where} is not an object in electron-builder.yml`);
  return child;
}

export function loadBuilderConfig(): JsonObject {
  const parsed = parseYaml(fs.readFileSync(builderConfigPath, 'utf8')) as Json;
  if (!isObject(parsed)) throw new Error('electron-builder.yml is not a mapping');
  return parsed;
}

/**
 * The Electron fuse wire, in wire order (electron/electron build/fuses/fuses.json5; the same
 * order @electron/fuses' FuseV1Options uses). Written out here so that the test reads the packed
 * binary independently of the library electron-builder used to write it.
 */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
export const FUSE_WIRE_VERSION = 1;
export const FUSE_WIRE = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
export type FuseName = (typeof FUSE_WIRE)[number];

/** The wire as shipped in an unmodified Electron binary ('1' enabled, '0' disabled). */
export const ELECTRON_DEFAULT_FUSES: Record<FuseName, boolean> = {
  runAsNode: true,
  enableCookieEncryption: false,
  enableNodeOptionsEnvironmentVariable: true,
  enableNodeCliInspectArguments: true,
  enableEmbeddedAsarIntegrityValidation: false,
  onlyLoadAppFromAsar: false,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: true,
};

/** Bytes of a fuse wire: sentinel, version, length, then one ASCII '0'/'1' per fuse. */
export function encodeFuseWire(fuses: Record<FuseName, boolean>): Buffer {
  return Buffer.concat([
    Buffer.from(FUSE_SENTINEL, 'ascii'),
    Buffer.from([FUSE_WIRE_VERSION, FUSE_WIRE.length]),
    Buffer.from(FUSE_WIRE.map((name) => (fuses[name] ? '1' : '0')).join(''), 'ascii'),
  ]);
}

/** Reads the fuse wire out of an Electron executable. */
export function readFuseWire(binary: Buffer): Record<FuseName, boolean> {
  const at = binary.indexOf(FUSE_SENTINEL, 0, 'ascii');
  if (at < 0) throw new Error('no fuse sentinel in the binary');
  if (binary.lastIndexOf(FUSE_SENTINEL, undefined, 'ascii') !== at) {
    throw new Error('more than one fuse sentinel in the binary');
  }
  const start = at + FUSE_SENTINEL.length;
  const version = binary[start];
  const length = binary[start + 1];
  if (version !== FUSE_WIRE_VERSION) throw new Error(`unexpected fuse wire version ${version}`);
  if (length !== FUSE_WIRE.length) throw new Error(`unexpected fuse wire length ${length}`);
  const wire = {} as Record<FuseName, boolean>;
  FUSE_WIRE.forEach((name, index) => {
    const state = String.fromCharCode(binary[start + 2 + index] ?? 0);
    if (state !== '0' && state !== '1') throw new Error(`fuse ${name} is in state ${state}`);
    wire[name] = state === '1';
  });
  return wire;
}

/** One node of an asar header (the JSON at the start of the archive). */
export interface AsarNode {
  files?: Record<string, AsarNode>;
  size?: number;
  unpacked?: boolean;
  link?: string;
}

export interface AsarEntry {
  /** Path inside the archive, '/'-separated, no leading slash. */
  path: string;
  kind: 'file' | 'directory' | 'link';
  unpacked: boolean;
}

/** Every entry of an asar header, depth first. */
export function asarEntries(root: AsarNode): AsarEntry[] {
  const entries: AsarEntry[] = [];
  const walk = (node: AsarNode, prefix: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      const entryPath = prefix ? `${prefix}/${name}` : name;
      const kind = child.files ? 'directory' : child.link !== undefined ? 'link' : 'file';
      entries.push({ path: entryPath, kind, unpacked: child.unpacked === true });
      if (child.files) walk(child, entryPath);
    }
  };
  walk(root, '');
  return entries;
}

/** All files under a directory, as '/'-separated paths relative to it. */
export function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
    )
    .sort();
}

interface PackageManifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  devDependencies?: Record<string, string>;
  author?: string;
}

export function readManifest(dir: string): PackageManifest {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageManifest;
}

/** Node's lookup of `name` from a package folder: its node_modules, then each ancestor's. */
function resolvePackageDir(fromDir: string, name: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === projectRoot || !dir.startsWith(projectRoot)) return undefined;
    // Step out of the enclosing node_modules (and @scope) to the owning package.
    dir = path.dirname(dir);
    while (path.basename(dir) === 'node_modules' || path.basename(dir).startsWith('@')) {
      dir = path.dirname(dir);
    }
  }
}

/**
 * `name@version` of every installed package the app needs at run time: the closure of
 * package.json "dependencies" over dependencies, installed optional dependencies and required
 * peer dependencies. This is what electron-builder must put into app.asar, and all it may put.
 */
export function productionDependencyClosure(): Set<string> {
  const result = new Set<string>();
  const visited = new Set<string>();
  const visit = (dir: string, isRoot: boolean) => {
    if (visited.has(dir)) return;
    visited.add(dir);
    const manifest = readManifest(dir);
    if (!isRoot) result.add(`${manifest.name}@${manifest.version}`);
    const required = Object.keys({ ...manifest.dependencies });
    const optional = Object.keys({ ...manifest.optionalDependencies });
    const peers = Object.keys({ ...manifest.peerDependencies }).filter(
      (name) => manifest.peerDependenciesMeta?.[name]?.optional !== true,
    );
    for (const name of [...required, ...optional, ...(isRoot ? [] : peers)]) {
      const found = resolvePackageDir(dir, name);
      if (found) visit(found, false);
      else if (required.includes(name))
        throw new Error(`${manifest.name} needs ${name}, not installed`);
    }
  };
  visit(projectRoot, true);
  return result;
}

/**
 * Parses an XML property list strictly (any XML error throws) into plain values: dict, array,
 * string, integer, real, true and false. Enough for entitlements and Info.plist files.
 */
export function parsePlist(xml: string, name = 'plist'): Json {
  const fail = (message: string): never => {
    throw new Error(`${name}: ${message}`);
  };
  const document = new DOMParser({
    errorHandler: { warning: fail, error: fail, fatalError: fail },
  }).parseFromString(xml, 'text/xml');
  const root = document.documentElement;
  if (!root || root.nodeName !== 'plist' || root.getAttribute('version') !== '1.0') {
    fail('not a version 1.0 plist');
  }
  const elements = (parent: Element): Element[] =>
    Array.from(parent.childNodes).filter((node): node is Element => node.nodeType === 1);
  const value = (element: Element): Json => {
    switch (element.nodeName) {
      case 'dict': {
        const children = elements(element);
        const result: JsonObject = {};
        for (let i = 0; i < children.length; i += 2) {
          const key = children[i];
          const item = children[i + 1];
          if (key?.nodeName !== 'key' || !item) fail('dict entries must be <key> then a value');
          result[key?.textContent ?? ''] = value(item as Element);
        }
        return result;
      }
      case 'array':
        return elements(element).map(value);
      case 'string':
        return element.textContent ?? '';
      case 'integer':
      case 'real':
        return Number(element.textContent);
      case 'true':
        return true;
      case 'false':
        return false;
      default:
        return fail(`unsupported element <${element.nodeName}>`);
    }
  };
  const [top, ...rest] = elements(root as Element);
  if (!top || rest.length > 0) fail('a plist holds exactly one value');
  return value(top as Element);
}

/** Writes a plist of string values (for the stand-in Electron.app). */
export function plistOfStrings(values: Record<string, string>): string {
  const entries = Object.entries(values)
    .map(([key, text]) => `    <key>${key}</key>\n    <string>${text}</string>\n`)
    .join('');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    `  <dict>\n${entries}  </dict>`,
    '</plist>',
    '',
  ].join('\n');
}

/** A macOS .icns holding one 512×512 PNG (OSType ic09). */
export function icnsFromPng(png: Buffer): Buffer {
  const entry = Buffer.alloc(8);
  entry.write('ic09', 0, 'ascii');
  entry.writeUInt32BE(8 + png.length, 4);
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'ascii');
  header.writeUInt32BE(16 + png.length, 4);
  return Buffer.concat([header, entry, png]);
}

/** A Windows .ico holding one PNG image (width/height 0 in the directory mean 256 or more). */
export function icoFromPng(png: Buffer): Buffer {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(0, 6); // width
  header.writeUInt8(0, 7); // height
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9); // reserved
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(header.length, 18);
  return Buffer.concat([header, png]);
}
