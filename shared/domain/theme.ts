import { z } from 'zod';

/** `system` follows the operating system's light, dark or high-contrast preference. */
export const ThemeChoice = z.enum(['system', 'light', 'dark', 'high-contrast']);
export type ThemeChoice = z.infer<typeof ThemeChoice>;
