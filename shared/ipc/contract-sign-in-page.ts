import { z } from 'zod';
import { event } from './contract-kit';

/** Where a browser sign-in waits, and whether a browser could be opened there. */
export const SignInPage = z.object({
  url: z.string().url().startsWith('https://'),
  /** False when no system browser could be opened: the dialog shows the address instead. */
  opened: z.boolean(),
});
export type SignInPage = z.infer<typeof SignInPage>;

export const signInPageEvents = {
  'signIn.browserPage': event({
    summary:
      'A browser sign-in needs its page opened: its address, and whether a system browser opened it.',
    payload: SignInPage,
  }),
};
