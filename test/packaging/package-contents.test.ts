// Packs the app for real with electron-builder (`--dir`: the app folder, no installer) for Linux
// x64, macOS arm64 and Windows x64, each against a stand-in Electron distribution, then checks what
// the packages contain: app.asar, app.asar.unpacked, the fuse wire, and the asar integrity data
// written into Info.plist (macOS) or the executable's resources (Windows).
//
// No Electron binary can be downloaded here, so the stand-ins are small files laid out as in the
// real Electron zips (electron.exe is a minimal PE with a version resource, since electron-builder
// edits its resources). Each carries an Electron fuse wire in its default state, and
// electron-builder copies, renames and fuse-flips them exactly as it would the real binaries.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractAll, extractFile, getRawHeader } from '@electron/asar';
import { NtExecutable, NtExecutableResource, Resource } from 'resedit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AsarEntry, AsarNode, FuseName, Json } from './packaging-helpers';
import {
  ELECTRON_DEFAULT_FUSES,
  FUSE_WIRE,
  asarEntries,
  encodeFuseWire,
  icnsFromPng,
  icoFromPng,
  isObject,
  listFiles,
  loadBuilderConfig,
  objectAt,
  parsePlist,
  plistOfStrings,
  productionDependencyClosure,
  projectRoot,
  readFuseWire,
  readManifest,
} from './packaging-helpers';
import { buildIsStale } from '../support/build-output';

const run = promisify(execFile);
const PACK_TIMEOUT_MS = 240_000;

/** What electron-vite must have produced before packing. */
const ENTRY_POINTS = ['out/main/main.js', 'out/preload/preload.cjs', 'out/renderer/index.html'];

type Platform = 'linux' | 'mac' | 'win';

interface Packed {
  /** linux-unpacked/, mac-arm64/ or win-unpacked/ */
  appOutDir: string;
  asarPath: string;
  entries: AsarEntry[];
  /** The file holding Electron's fuse wire. */
  fuseFile: string;
  /** Download caches given to electron-builder. */
  cache: string;
}

let tmp: string | undefined;
/** The project's out/ files when packing started. */
let builtFiles: string[] = [];
const packs: Partial<Record<Platform, Packed>> = {};

function getPacked(platform: Platform = 'linux'): Packed {
  const result = packs[platform];
  if (!result) throw new Error(`the ${platform} pack did not run (see beforeAll)`);
  return result;
}

const paths = (entries: AsarEntry[]) => entries.map((entry) => entry.path);
const readAsarText = (file: string, platform: Platform = 'linux') =>
  extractFile(getPacked(platform).asarPath, file).toString('utf8');

/** Builds out/ when it is missing or older than its sources: the package must hold today's code. */
async function buildIfStale(): Promise<void> {
  if (!buildIsStale(projectRoot, ENTRY_POINTS)) return;
  const cli = path.join(projectRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  await run(process.execPath, [cli, 'build'], { cwd: projectRoot, timeout: PACK_TIMEOUT_MS });
}

/** The bytes of a stand-in Electron executable: a script that refuses to run, plus a fuse wire. */
function standInBinary(what: string): Buffer {
  return Buffer.concat([
    Buffer.from(`#!/bin/sh\necho "stand-in for ${what}" >&2\nexit 1\n`),
    encodeFuseWire(ELECTRON_DEFAULT_FUSES),
    Buffer.from('\n'),
  ]);
}

/** An unpacked Electron distribution for Linux: the `electron` executable is all it needs. */
function makeLinuxStandIn(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'electron'), standInBinary('electron'), { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'Stand-in for the Electron license file.\n');
}

/**
 * An unpacked Electron distribution for macOS: Electron.app with its Info.plist, executable,
 * Electron Framework (where the fuse wire lives) and the helper app electron-builder renames.
 */
function makeMacStandIn(dir: string): void {
  const contents = path.join(dir, 'Electron.app', 'Contents');
  const helper = path.join(contents, 'Frameworks', 'Electron Helper.app', 'Contents');
  const framework = path.join(contents, 'Frameworks', 'Electron Framework.framework');
  for (const folder of [path.join(contents, 'MacOS'), path.join(contents, 'Resources')]) {
    fs.mkdirSync(folder, { recursive: true });
  }
  fs.mkdirSync(path.join(helper, 'MacOS'), { recursive: true });
  fs.mkdirSync(framework, { recursive: true });
  fs.writeFileSync(
    path.join(contents, 'Info.plist'),
    plistOfStrings({
      CFBundleExecutable: 'Electron',
      CFBundleIdentifier: 'com.github.Electron',
      CFBundleName: 'Electron',
      CFBundleIconFile: 'electron.icns',
      CFBundlePackageType: 'APPL',
    }),
  );
  fs.writeFileSync(path.join(contents, 'MacOS', 'Electron'), standInBinary('Electron'), {
    mode: 0o755,
  });
  fs.writeFileSync(path.join(contents, 'Resources', 'electron.icns'), icnsFromPng(Buffer.alloc(0)));
  fs.writeFileSync(
    path.join(helper, 'Info.plist'),
    plistOfStrings({
      CFBundleExecutable: 'Electron Helper',
      CFBundleIdentifier: 'com.github.Electron.helper',
      CFBundleName: 'Electron Helper',
    }),
  );
  fs.writeFileSync(path.join(helper, 'MacOS', 'Electron Helper'), standInBinary('the helper'), {
    mode: 0o755,
  });
  fs.writeFileSync(path.join(framework, 'Electron Framework'), standInBinary('the framework'));
}

/**
 * An unpacked Electron distribution for Windows: electron.exe, a minimal PE32 with the version
 * resource electron-builder rewrites and an RCDATA resource carrying the fuse wire (the fuse
 * flipper finds the wire by its sentinel anywhere in the file).
 */
function makeWindowsStandIn(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const executable = NtExecutable.createEmpty(false, false);
  const resources = NtExecutableResource.from(executable);
  const language = { lang: 1033, codepage: 1200 };
  const versionInfo = Resource.VersionInfo.createEmpty();
  versionInfo.lang = language.lang;
  versionInfo.setStringValues(language, {
    CompanyName: 'GitHub, Inc.',
    FileDescription: 'Electron',
    ProductName: 'Electron',
  });
  versionInfo.outputToResourceEntries(resources.entries);
  const RT_RCDATA = 10;
  resources.entries.push({
    type: RT_RCDATA,
    id: 'STAND_IN_FUSES',
    bin: new Uint8Array(encodeFuseWire(ELECTRON_DEFAULT_FUSES)).buffer,
    ...language,
  });
  resources.outputResource(executable);
  fs.writeFileSync(path.join(dir, 'electron.exe'), Buffer.from(executable.generate()));
}

async function pack(platform: Platform, root: string): Promise<Packed> {
  const electronDist = path.join(root, 'electron-dist');
  const output = path.join(root, 'dist');
  const cache = path.join(root, 'cache');
  const { version: electronVersion } = readManifest(
    path.join(projectRoot, 'node_modules', 'electron'),
  );
  const args = [
    '--dir',
    '--config',
    'electron-builder.yml',
    `-c.electronDist=${electronDist}`,
    `-c.electronVersion=${electronVersion}`,
    `-c.directories.output=${output}`,
  ];
  const icon = fs.readFileSync(path.join(projectRoot, 'build', 'icon.png'));
  if (platform === 'linux') {
    makeLinuxStandIn(electronDist);
    args.unshift('--linux', '--x64');
  } else if (platform === 'win') {
    makeWindowsStandIn(electronDist);
    // Converting build/icon.png to .ico needs a toolset electron-builder downloads: hand it a
    // ready .ico of the same picture.
    const ico = path.join(root, 'icon.ico');
    fs.writeFileSync(ico, icoFromPng(icon));
    args.unshift('--win', '--x64');
    args.push(`-c.win.icon=${ico}`);
  } else {
    makeMacStandIn(electronDist);
    // Converting build/icon.png to .icns needs a toolset electron-builder downloads, so hand it
    // a ready .icns of the same picture; and re-signing ad hoc after the fuse flip runs
    // `codesign`, which only exists on macOS.
    const icns = path.join(root, 'icon.icns');
    fs.writeFileSync(
      icns,
      icnsFromPng(fs.readFileSync(path.join(projectRoot, 'build', 'icon.png'))),
    );
    args.unshift('--mac', '--arm64');
    args.push(`-c.mac.icon=${icns}`, '-c.electronFuses.resetAdHocDarwinSignature=false');
  }
  const cli = path.join(projectRoot, 'node_modules', 'electron-builder', 'cli.js');
  await run(process.execPath, [cli, ...args], {
    cwd: projectRoot,
    timeout: PACK_TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      // Hermetic: no update check; the download caches of electron-builder (toolsets) and of
      // Electron live in the temp folder, where the tests check that nothing was fetched.
      NO_UPDATE_NOTIFIER: '1',
      XDG_CACHE_HOME: cache,
      ELECTRON_BUILDER_CACHE: path.join(cache, 'electron-builder'),
      CSC_IDENTITY_AUTO_DISCOVERY: 'false',
    },
  });
  const layout = {
    linux: { folder: 'linux-unpacked', resources: 'resources', fuseFile: 'mooring' },
    win: { folder: 'win-unpacked', resources: 'resources', fuseFile: 'Mooring.exe' },
    mac: {
      folder: 'mac-arm64',
      resources: 'Mooring.app/Contents/Resources',
      fuseFile: 'Mooring.app/Contents/Frameworks/Electron Framework.framework/Electron Framework',
    },
  }[platform];
  const appOutDir = path.join(output, layout.folder);
  const asarPath = path.join(appOutDir, layout.resources, 'app.asar');
  const header = JSON.parse(getRawHeader(asarPath).headerString) as AsarNode;
  const fuseFile = path.join(appOutDir, layout.fuseFile);
  return { appOutDir, asarPath, entries: asarEntries(header), fuseFile, cache };
}

beforeAll(
  async () => {
    await buildIfStale();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mooring-pack-'));
    builtFiles = listFiles(path.join(projectRoot, 'out'));
    // One after the other: each reads the project and runs npm to list its dependencies.
    packs.linux = await pack('linux', path.join(tmp, 'linux'));
    packs.mac = await pack('mac', path.join(tmp, 'mac'));
    packs.win = await pack('win', path.join(tmp, 'win'));
  },
  3 * PACK_TIMEOUT_MS + 60_000,
);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Electron's fuses as electron-builder.yml wants them. */
function configuredFuses(): Record<FuseName, boolean> {
  const configured = objectAt(loadBuilderConfig(), 'electronFuses');
  const expected = { ...ELECTRON_DEFAULT_FUSES };
  for (const name of FUSE_WIRE) {
    const value = configured[name];
    if (typeof value === 'boolean') expected[name] = value;
  }
  return expected;
}

describe('packing with electron-builder --dir (Linux x64, macOS arm64, Windows x64)', () => {
  it('needs nothing from the network: no Electron zip, no electron-builder toolset', () => {
    for (const { cache } of [getPacked('linux'), getPacked('mac'), getPacked('win')]) {
      expect(fs.existsSync(cache) ? listFiles(cache) : []).toEqual([]);
    }
  });
});

describe('the packed app (electron-builder --dir, Linux x64)', () => {
  it('lays out the app folder: renamed executable, app.asar and app.asar.unpacked', () => {
    const { appOutDir } = getPacked();
    expect(fs.statSync(path.join(appOutDir, 'mooring')).mode & 0o111).not.toBe(0);
    expect(fs.existsSync(path.join(appOutDir, 'electron'))).toBe(false);
    expect(fs.readdirSync(path.join(appOutDir, 'resources')).sort()).toEqual([
      'app.asar',
      'app.asar.unpacked',
    ]);
  });

  it('holds the electron-vite output, all of it, and package.json at the root of app.asar', () => {
    const { entries } = getPacked();
    const root = entries.filter((entry) => !entry.path.includes('/')).map((entry) => entry.path);
    expect(root.sort()).toEqual(['node_modules', 'out', 'package.json']);
    for (const entryPoint of ENTRY_POINTS) expect(paths(entries)).toContain(entryPoint);
    const packedOut = entries
      .filter((entry) => entry.kind === 'file' && entry.path.startsWith('out/'))
      .map((entry) => entry.path.slice('out/'.length))
      .sort();
    expect(packedOut).toEqual(builtFiles.filter((file) => !file.endsWith('.map')));
    expect(entries.filter((e) => e.path.startsWith('out/') && e.unpacked)).toEqual([]);
  });

  it('holds package.json without scripts or devDependencies, pointing at the packed main', () => {
    const fields = JSON.parse(readAsarText('package.json')) as Json;
    if (!isObject(fields)) throw new Error('packed package.json is not an object');
    expect(fields.name).toBe('mooring');
    expect(fields.type).toBe('module');
    expect(fields.main).toBe('out/main/main.js');
    expect(fields.scripts).toBeUndefined();
    expect(fields.devDependencies).toBeUndefined();
  });

  it('holds no tests, emulator, browser host, source maps, TypeScript sources or docs', () => {
    const forbidden: [string, RegExp][] = [
      ['a test folder', /(^|\/)test(\/|$)/],
      ['a test file', /\.(test|spec)\.[cm]?[jt]sx?$/],
      ['the emulator', /(^|\/)emulator(\/|$)/],
      ['the browser host', /(^|\/)browser-host(\/|$)/],
      ['a source map', /\.map$/],
      ['a TypeScript source', /\.([cm]?ts|tsx)$/],
      ['a Markdown document', /\.md$/i],
      ['a project source folder', /^(electron|renderer|shared|scripts|build|docs)(\/|$)/],
      ['a tsconfig', /(^|\/)tsconfig[^/]*\.json$/],
    ];
    const { entries } = getPacked();
    for (const [what, pattern] of forbidden) {
      const hits = paths(entries).filter((entryPath) => pattern.test(entryPath));
      expect(hits, `app.asar holds ${what}`).toEqual([]);
    }
  });

  it('holds exactly the production dependency closure, and no devDependency', () => {
    const { entries } = getPacked();
    const packages = entries
      .filter(
        (e) => e.kind === 'directory' && /(^|\/)node_modules\/(@[^/]+\/)?[^/@]+$/.test(e.path),
      )
      .filter((e) => paths(entries).includes(`${e.path}/package.json`))
      .map((e) => {
        const manifest = JSON.parse(readAsarText(`${e.path}/package.json`)) as {
          name: string;
          version: string;
        };
        return `${manifest.name}@${manifest.version}`;
      });
    expect(new Set(packages)).toEqual(productionDependencyClosure());

    const packedNames = new Set(packages.map((p) => p.slice(0, p.lastIndexOf('@'))));
    const { dependencies = {}, devDependencies = {} } = readManifest(projectRoot);
    for (const name of Object.keys(dependencies)) expect(packedNames).toContain(name);
    for (const name of ['react', 'react-dom', 'vitest', 'electron', 'electron-builder']) {
      expect(packedNames).not.toContain(name);
    }
    expect(packedNames).not.toContain('playwright-core');
    const closureNames = new Set(
      [...productionDependencyClosure()].map((p) => p.slice(0, p.lastIndexOf('@'))),
    );
    for (const name of Object.keys(devDependencies)) {
      if (!closureNames.has(name)) expect(packedNames, `devDependency ${name}`).not.toContain(name);
    }
  });

  it('keeps better-sqlite3 JavaScript in app.asar and only its linux-x64 prebuild unpacked', () => {
    const { entries, asarPath } = getPacked();
    const sqlite = entries.filter((e) => e.path.startsWith('node_modules/better-sqlite3/'));
    const js = sqlite.filter((e) => e.kind === 'file' && e.path.endsWith('.js'));
    expect(paths(js)).toContain('node_modules/better-sqlite3/lib/index.js');
    expect(js.filter((e) => e.unpacked)).toEqual([]);
    const prebuilds = sqlite.filter((e) => e.path.endsWith('.node'));
    expect(prebuilds).toEqual([
      {
        path: 'node_modules/better-sqlite3/prebuilds/linux-x64.node',
        kind: 'file',
        unpacked: true,
      },
    ]);
    expect(paths(sqlite).filter((p) => /better-sqlite3\/(deps|src|binding\.gyp)/.test(p))).toEqual(
      [],
    );
    // On disk: app.asar.unpacked holds that one file, identical to the installed prebuild.
    expect(listFiles(`${asarPath}.unpacked`)).toEqual([
      'node_modules/better-sqlite3/prebuilds/linux-x64.node',
    ]);
    const installed = path.join(
      projectRoot,
      'node_modules/better-sqlite3/prebuilds/linux-x64.node',
    );
    const unpacked = path.join(
      `${asarPath}.unpacked`,
      'node_modules/better-sqlite3/prebuilds/linux-x64.node',
    );
    expect(fs.readFileSync(unpacked).equals(fs.readFileSync(installed))).toBe(true);
    // Nothing but native code is unpacked.
    expect(entries.filter((e) => e.unpacked && e.kind === 'file').map((e) => e.path)).toEqual([
      'node_modules/better-sqlite3/prebuilds/linux-x64.node',
    ]);
  });

  // Loading the linux-x64 prebuild needs a linux-x64 host (the CI and build machines are).
  it.runIf(process.platform === 'linux' && process.arch === 'x64')(
    'runs the packed better-sqlite3: it finds its prebuild and opens a database',
    async () => {
      const { asarPath, appOutDir } = getPacked();
      const extracted = path.join(path.dirname(appOutDir), 'extracted');
      extractAll(asarPath, extracted);
      const script = [
        "const Database = require('better-sqlite3');",
        "const db = new Database(':memory:');",
        "db.exec('CREATE TABLE t (x INTEGER) STRICT; INSERT INTO t VALUES (42)');",
        "process.stdout.write(JSON.stringify(db.prepare('SELECT x FROM t').get()));",
      ].join('\n');
      const { stdout } = await run(process.execPath, ['-e', script], {
        cwd: extracted,
        timeout: 30_000,
      });
      expect(JSON.parse(stdout)).toEqual({ x: 42 });
    },
  );

  it('resolves every import of the main process inside the package', () => {
    const { entries } = getPacked();
    const files = new Set(paths(entries));
    const topLevelPackages = new Set(
      entries
        .filter((e) => /^node_modules\/(@[^/]+\/)?[^/@]+$/.test(e.path))
        .map((e) => e.path.slice('node_modules/'.length)),
    );
    const mainChunks = [...files].filter((p) => /^out\/main\/.*\.[cm]?js$/.test(p));
    expect(mainChunks).toContain('out/main/main.js');
    const specifierPatterns = [
      /^\s*import\s[^;]*?\sfrom\s*["']([^"']+)["']/gm,
      /^\s*export\s[^;]*?\sfrom\s*["']([^"']+)["']/gm,
      /^\s*import\s*["']([^"']+)["']/gm,
      /\bimport\(\s*["']([^"']+)["']\s*\)/g,
    ];
    for (const chunk of mainChunks) {
      const source = readAsarText(chunk);
      for (const pattern of specifierPatterns) {
        for (const [, specifier = ''] of source.matchAll(pattern)) {
          if (specifier.startsWith('.')) {
            const target = path.posix.normalize(
              path.posix.join(path.posix.dirname(chunk), specifier),
            );
            expect(files, `${chunk} imports ${specifier}`).toContain(target);
            continue;
          }
          if (
            isBuiltin(specifier) ||
            specifier === 'electron' ||
            specifier.startsWith('electron/')
          ) {
            continue;
          }
          const [first = '', second = ''] = specifier.split('/');
          const packageName = first.startsWith('@') ? `${first}/${second}` : first;
          expect(topLevelPackages, `${chunk} imports ${specifier}`).toContain(packageName);
        }
      }
    }
  });

  it('bundles the preload completely: it requires nothing a sandboxed preload cannot', () => {
    const source = readAsarText('out/preload/preload.cjs');
    const required = [...source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map(
      ([, specifier]) => specifier,
    );
    // Sandboxed preloads get `electron` (renderer modules) and polyfills of these Node modules only.
    const allowed = new Set([
      'electron',
      'events',
      'timers',
      'url',
      'node:events',
      'node:timers',
      'node:url',
    ]);
    expect(required.filter((specifier) => !allowed.has(specifier ?? ''))).toEqual([]);
  });

  it('flips the Electron fuses of the packed executable as electron-builder.yml says', () => {
    const wire = readFuseWire(fs.readFileSync(getPacked().fuseFile));
    expect(wire).toEqual(configuredFuses());
    // Every fuse we set differs from Electron's default, so the wire proves the flip happened.
    const configured = objectAt(loadBuilderConfig(), 'electronFuses');
    const changed = FUSE_WIRE.filter(
      (name: FuseName) => wire[name] !== ELECTRON_DEFAULT_FUSES[name],
    );
    expect(changed.sort()).toEqual(
      FUSE_WIRE.filter((name) => typeof configured[name] === 'boolean').sort(),
    );
  });
});

/** Asserts that a package's app.asar equals the Linux one but for its single, unpacked prebuild. */
function expectSameArchiveAsLinuxBut(platform: Platform, prebuildName: string): void {
  const prebuild: AsarEntry = {
    path: `node_modules/better-sqlite3/prebuilds/${prebuildName}.node`,
    kind: 'file',
    unpacked: true,
  };
  const { entries, asarPath } = getPacked(platform);
  expect(entries.filter((e) => e.path.endsWith('.node'))).toEqual([prebuild]);
  const withoutPrebuild = (list: AsarEntry[]) =>
    list.filter((e) => !e.path.endsWith('.node')).sort((a, b) => a.path.localeCompare(b.path));
  expect(withoutPrebuild(entries)).toEqual(withoutPrebuild(getPacked('linux').entries));
  expect(listFiles(`${asarPath}.unpacked`)).toEqual([prebuild.path]);
}

const asarHeaderHash = (platform: Platform) =>
  createHash('sha256')
    .update(getRawHeader(getPacked(platform).asarPath).headerString)
    .digest('hex');

describe('the packed app (electron-builder --dir, macOS arm64)', () => {
  const contents = () => path.join(getPacked('mac').appOutDir, 'Mooring.app', 'Contents');

  it('holds the same app.asar as on Linux but for the prebuild: darwin-arm64, unpacked', () => {
    expectSameArchiveAsLinuxBut('mac', 'darwin-arm64');
  });

  it('flips the fuses in Electron Framework as electron-builder.yml says', () => {
    expect(readFuseWire(fs.readFileSync(getPacked('mac').fuseFile))).toEqual(configuredFuses());
  });

  it('writes Info.plist: bundle id, category and the app.asar header hash Electron validates', () => {
    const info = parsePlist(
      fs.readFileSync(path.join(contents(), 'Info.plist'), 'utf8'),
      'Info.plist',
    );
    if (!isObject(info)) throw new Error('Info.plist is not a dict');
    expect(info.CFBundleIdentifier).toBe('app.mooring.desktop');
    expect(info.CFBundleName).toBe('Mooring');
    expect(info.CFBundleExecutable).toBe('Mooring');
    expect(info.LSApplicationCategoryType).toBe('public.app-category.developer-tools');
    expect(info.ElectronAsarIntegrity).toEqual({
      'Resources/app.asar': { algorithm: 'SHA256', hash: asarHeaderHash('mac') },
    });
    expect(fs.existsSync(path.join(contents(), 'MacOS', 'Mooring'))).toBe(true);
    expect(fs.existsSync(path.join(contents(), 'Frameworks', 'Mooring Helper.app'))).toBe(true);
  });
});

describe('the packed app (electron-builder --dir, Windows x64)', () => {
  const resources = () =>
    NtExecutableResource.from(NtExecutable.from(fs.readFileSync(getPacked('win').fuseFile)));

  it('holds the same app.asar as on Linux but for the prebuild: win32-x64, unpacked', () => {
    expectSameArchiveAsLinuxBut('win', 'win32-x64');
  });

  it('flips the fuses in Mooring.exe as electron-builder.yml says', () => {
    expect(readFuseWire(fs.readFileSync(getPacked('win').fuseFile))).toEqual(configuredFuses());
  });

  it('embeds the app.asar header hash Electron validates in the executable', () => {
    const integrity = resources().entries.find(
      (entry) => entry.type === 'INTEGRITY' && entry.id === 'ELECTRONASAR',
    );
    if (!integrity) throw new Error('Mooring.exe has no INTEGRITY/ELECTRONASAR resource');
    expect(JSON.parse(Buffer.from(integrity.bin).toString('utf8'))).toEqual([
      { file: 'resources\\app.asar', alg: 'SHA256', value: asarHeaderHash('win') },
    ]);
  });

  it('brands the executable: product name, description and company from package.json', () => {
    const [versionInfo] = Resource.VersionInfo.fromEntries(resources().entries);
    const [language] = versionInfo?.getAllLanguagesForStringValues() ?? [];
    if (!versionInfo || !language) throw new Error('Mooring.exe has no version strings');
    const strings = versionInfo.getStringValues(language);
    expect(strings.ProductName).toBe('Mooring');
    expect(strings.FileDescription).toBe('Mooring');
    expect(strings.CompanyName).toBe(readManifest(projectRoot).author);
  });
});
