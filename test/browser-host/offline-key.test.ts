import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/emulator';
import { demoScenarioPath, eventually } from '../emulator/testing';
import { startOfflineKey } from './offline-key';

describe("the demo's offline key", () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ scenario: demoScenarioPath });
  });
  afterAll(async () => {
    await emu?.close();
  });

  it('o takes the local Azure off the network and back, keeping what it knew', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const said: string[] = [];
    output.on('data', (chunk: Buffer) => said.push(chunk.toString()));
    const key = startOfflineKey({ input, output, azure: emu });
    try {
      const before = emu.world.subscriptions.size;
      input.write('o');
      await eventually('the listener to close', () =>
        Promise.resolve(emu.isListening() ? undefined : true),
      );
      await expect(emu.control.settings()).rejects.toThrow();
      // Other keys do nothing; while a question is asked, o does nothing either.
      input.write('x');
      key.suspend();
      input.write('o');
      await new Promise((resolve) => setImmediate(resolve)); // the key is read
      // (Had that o switched it back on, the next one would switch it off and the wait fail.)
      key.resume();
      input.write('o');
      await eventually('the listener to open again', () =>
        Promise.resolve(emu.isListening() ? true : undefined),
      );
      await expect(emu.control.settings()).resolves.toBeTruthy();
      expect(emu.world.subscriptions.size).toBe(before);
      expect(said.join('').match(/OFFLINE|back ONLINE/g)).toEqual(['OFFLINE', 'back ONLINE']);
    } finally {
      key.stop();
    }
  });
});
