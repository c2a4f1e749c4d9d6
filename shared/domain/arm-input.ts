import { z } from 'zod';
import { parseArmId } from '../azure/arm-id';

/**
 * A full ARM resource id (`/subscriptions/.../providers/...`) as Azure or the local record gives
 * it, kept verbatim. It lives here, not in inventory.ts, so clusters.ts and inventory.ts can use
 * it without importing each other (a cycle would leave one of them undefined at load time).
 */
export const ArmId = z.string().min(1).max(1024).startsWith('/subscriptions/');

/**
 * An ARM resource id the renderer sends: checked by the one strict parser before a handler runs,
 * so a hostile id is refused at the boundary with the parser's plain-words reason.
 */
export const StrictArmId = z
  .string()
  .max(1024, { message: 'A resource id has at most 1,024 characters.' })
  .superRefine((value, ctx) => {
    const result = parseArmId(value);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.reason });
  });
