// The packaging configuration itself: electron-builder.yml, the macOS entitlements and the icon.
// Settings that only matter on Windows and macOS cannot be exercised by packing on this machine
// (see package-contents.test.ts), so they are pinned here: removing or weakening any of them fails.
import fs from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from './packaging-helpers';
import {
  isObject,
  loadBuilderConfig,
  objectAt,
  parsePlist,
  projectRoot,
} from './packaging-helpers';

const config = loadBuilderConfig();

/** `target` of a platform section as [{target, arch[]}], whatever shorthand the file uses. */
function targetsOf(platform: 'win' | 'mac' | 'linux'): { target: string; arch: string[] }[] {
  const section = objectAt(config, platform);
  const raw = section.target;
  const list: Json[] = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((item) => {
    if (typeof item === 'string') return { target: item, arch: [] };
    if (!isObject(item) || typeof item.target !== 'string') {
      throw new Error(`${platform}.target has an entry that is neither a name nor {target, arch}`);
    }
    const arch = Array.isArray(item.arch) ? item.arch : [item.arch];
    return { target: item.target, arch: arch.filter((a): a is string => typeof a === 'string') };
  });
}

function stringList(value: Json | undefined, where: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new Error(`${where} is not a list of strings`);
  }
  return value as string[];
}

describe('electron-builder.yml: identity and layout', () => {
  it('names the app and puts build resources in build/ and installers in dist/', () => {
    expect(config.appId).toBe('app.mooring.desktop');
    expect(config.productName).toBe('Mooring');
    expect(objectAt(config, 'directories')).toEqual({ output: 'dist', buildResources: 'build' });
  });

  it('publishes nowhere', () => {
    expect(Object.hasOwn(config, 'publish')).toBe(true);
    expect(config.publish).toBeNull();
  });

  it('has a 512×512 RGBA PNG icon in build/ that decodes', () => {
    const png = fs.readFileSync(path.join(projectRoot, 'build', 'icon.png'));
    expect(png.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect([width, height]).toEqual([512, 512]);
    expect([png[24], png[25]]).toEqual([8, 6]); // 8 bits per channel, RGBA
    // Gather the IDAT chunks and inflate them: one filter byte plus 4 bytes per pixel per row.
    const idat: Buffer[] = [];
    for (let offset = 8; offset < png.length;) {
      const length = png.readUInt32BE(offset);
      if (png.toString('ascii', offset + 4, offset + 8) === 'IDAT') {
        idat.push(png.subarray(offset + 8, offset + 8 + length));
      }
      offset += 12 + length;
    }
    const pixels = inflateSync(Buffer.concat(idat));
    expect(pixels.length).toBe(height * (1 + width * 4));
    // Not a blank square: transparent corners, an opaque centre.
    const alphaAt = (x: number, y: number) => pixels[y * (1 + width * 4) + 1 + x * 4 + 3];
    expect(alphaAt(0, 0)).toBe(0);
    expect(alphaAt(256, 256)).toBe(255);
  });
});

describe('electron-builder.yml: what goes into app.asar', () => {
  const files = stringList(config.files, 'files');

  it('takes only the electron-vite output and package.json from the project', () => {
    const included = files.filter((pattern) => !pattern.startsWith('!'));
    expect(included).toEqual(['out/**', 'package.json']);
  });

  it('excludes tests, the emulator, the browser host, source maps, TypeScript sources and docs', () => {
    for (const pattern of [
      '!test{,/**}',
      '!**/*.{test,spec}.{js,cjs,mjs,ts,tsx}',
      '!**/emulator{,/**}',
      '!**/browser-host{,/**}',
      '!**/*.map',
      '!**/*.{ts,tsx,mts,cts}',
      '!**/*.md',
      '!docs{,/**}',
    ]) {
      expect(files).toContain(pattern);
    }
  });

  it('packs into asar, unpacking better-sqlite3 native code only', () => {
    expect(config.asar === true || isObject(config.asar)).toBe(true);
    expect(objectAt(config, 'asar').smartUnpack).toBe(false);
    expect(stringList(config.asarUnpack, 'asarUnpack')).toEqual([
      '**/node_modules/better-sqlite3/**/*.node',
    ]);
  });

  it('never rebuilds or compiles native modules (better-sqlite3 ships N-API prebuilds)', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
  });

  it('ships one prebuild per package: its architecture here, its operating system per platform', () => {
    expect(files).toContain('!**/node_modules/better-sqlite3/prebuilds/!(*-${arch}).node');
    const othersByPlatform = {
      win: '{darwin,linux,linuxmusl}',
      mac: '{linux,linuxmusl,win32}',
      linux: '{darwin,win32,linuxmusl}',
    } as const;
    for (const [platform, others] of Object.entries(othersByPlatform)) {
      const platformFiles = stringList(objectAt(config, platform).files, `${platform}.files`);
      expect(platformFiles).toContain(`!**/node_modules/better-sqlite3/prebuilds/${others}-*.node`);
      // A platform list made of exclusions only makes electron-builder start it from `**/*`, which
      // packs the whole project (sources, tests, emulator) into app.asar.
      expect(
        platformFiles.some((pattern) => !pattern.startsWith('!')),
        `${platform}.files`,
      ).toBe(true);
      expect(platformFiles.filter((pattern) => !pattern.startsWith('!'))).toEqual(['package.json']);
    }
  });
});

describe('electron-builder.yml: Electron fuses', () => {
  it('sets every security fuse explicitly', () => {
    const { resetAdHocDarwinSignature, ...fuses }: JsonObject = objectAt(config, 'electronFuses');
    expect(fuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // Keeps unsigned Apple silicon builds launchable after the fuses change the binary.
    expect(resetAdHocDarwinSignature).toBe(true);
  });
});

describe('electron-builder.yml: targets', () => {
  it('builds an NSIS installer for Windows x64 and arm64', () => {
    expect(targetsOf('win')).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
  });

  it('builds a dmg and a zip for macOS x64 and arm64', () => {
    expect(targetsOf('mac')).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ]);
  });

  it('signs macOS builds with the hardened runtime and our entitlements', () => {
    const mac = objectAt(config, 'mac');
    expect(mac.hardenedRuntime).toBe(true);
    expect(mac.entitlements).toBe('build/entitlements.mac.plist');
    expect(mac.entitlementsInherit).toBe('build/entitlements.mac.plist');
    expect(mac.category).toBe('public.app-category.developer-tools');
  });

  it('builds an AppImage for Linux', () => {
    expect(targetsOf('linux')).toEqual([{ target: 'AppImage', arch: ['x64', 'arm64'] }]);
  });
});

describe('build/entitlements.mac.plist', () => {
  it('is a valid XML plist granting exactly the JIT exception Electron needs', () => {
    const xml = fs.readFileSync(path.join(projectRoot, 'build', 'entitlements.mac.plist'), 'utf8');
    expect(parsePlist(xml, 'entitlements.mac.plist')).toEqual({
      'com.apple.security.cs.allow-jit': true,
    });
  });
});
