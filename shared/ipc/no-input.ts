import { z } from 'zod';

/**
 * The input of an operation that takes none: an empty object and nothing else. Kept out of
 * contract-kit.ts, which the preload imports and which must not pull zod into it.
 */
export const NoInput = z.object({}).strict();
