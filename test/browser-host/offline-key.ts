import { emitKeypressEvents } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** The part of the emulator the key switches: its listener. */
export interface SwitchableAzure {
  stopListening(): Promise<void>;
  listenAgain(): Promise<void>;
  isListening(): boolean;
}

export interface OfflineKey {
  /** Lets another reader have the terminal (a confirmation question); keys are ignored meanwhile. */
  suspend(): void;
  resume(): void;
  stop(): void;
}

type KeyInput = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

/**
 * `npm run demo`'s offline switch: pressing `o` in the demo's terminal takes the local Azure off
 * the network (its listener closes, so Mooring meets a real refused connection) and pressing it
 * again brings it back with everything it knew, without stopping Mooring. Ctrl+C still stops
 * the demo (raw mode turns it into a key, so it is passed on as SIGINT).
 */
export function startOfflineKey(parts: {
  readonly input: KeyInput;
  readonly output: Writable;
  readonly azure: SwitchableAzure;
}): OfflineKey {
  const { input, output, azure } = parts;
  let active = true;
  let switching = false;
  const raw = (on: boolean) => {
    if (input.isTTY) input.setRawMode?.(on);
  };
  const toggle = async () => {
    if (switching) return;
    switching = true;
    try {
      if (azure.isListening()) {
        await azure.stopListening();
        output.write('\nLocal Azure is OFFLINE (connections refused). Press o to bring it back.\n');
      } else {
        await azure.listenAgain();
        output.write('\nLocal Azure is back ONLINE. Press o to take it offline again.\n');
      }
    } catch (error) {
      output.write(`\nCould not switch the local Azure: ${String(error)}\n`);
    } finally {
      switching = false;
    }
  };
  const onKey = (text: string | undefined, key: { name?: string; ctrl?: boolean } | undefined) => {
    if (!active) return;
    if (key?.ctrl && key.name === 'c') {
      process.kill(process.pid, 'SIGINT');
      return;
    }
    if ((key?.name ?? text) === 'o') void toggle();
  };
  emitKeypressEvents(input);
  raw(true);
  input.on('keypress', onKey);
  input.resume();
  return {
    suspend() {
      active = false;
      raw(false);
    },
    resume() {
      active = true;
      raw(true);
    },
    stop() {
      active = false;
      input.off('keypress', onKey);
      raw(false);
      input.pause();
    },
  };
}
