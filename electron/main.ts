import { startMooring } from './shell/app-main';

// The main process entry (out/main/main.js). Everything lives in electron/shell/ so tests can
// drive it against a stand-in 'electron' module.
void startMooring();
