// zod/mini: part of the content script, which every Lever page loads.
import { z } from 'zod/mini';

/** CoderPad's two kinds of pad. */
export const padTypeSchema = z.enum(['live', 'take_home']);
export type PadType = z.infer<typeof padTypeSchema>;
