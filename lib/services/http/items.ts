import type { z } from 'zod';

/*
 * Lists as the services send them: every item parsed on its own. An item that does not match what
 * PadBridge reads is left out and counted, never the cause of a failed list (one odd question in a
 * real account must not hide the others).
 */

/** What a list left out: how many items, and why for the first few. */
export interface Skipped {
  count: number;
  /** `<item id or position>: <what did not match>`, at most MAX_REASONS of them. */
  reasons: string[];
}

const MAX_REASONS = 3;

export const noneSkipped = (): Skipped => ({ count: 0, reasons: [] });

/** Adds what `more` left out to `into`. */
export function addSkipped(into: Skipped, more: Skipped): Skipped {
  into.count += more.count;
  into.reasons = [...into.reasons, ...more.reasons].slice(0, MAX_REASONS);
  return into;
}

function itemName(raw: unknown, position: number): string {
  if (raw && typeof raw === 'object' && 'id' in raw) {
    const id = (raw as { id: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return `id ${String(id).slice(0, 40)}`;
  }
  return `item ${position + 1}`;
}

/** The items that parse, in order; those that do not are counted into `skipped`. */
export function parseEach<T>(schema: z.ZodType<T>, raw: readonly unknown[], skipped: Skipped): T[] {
  const items: T[] = [];
  raw.forEach((item, position) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) {
      items.push(parsed.data);
      return;
    }
    skipped.count += 1;
    if (skipped.reasons.length < MAX_REASONS) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')} ` : '';
      skipped.reasons.push(`${itemName(item, position)}: ${where}${issue?.message ?? 'unexpected shape'}`);
    }
  });
  return items;
}

/** A list with what it left out; an array, so every caller that only wants the items is unchanged. */
export type Listed<T> = T[] & { skipped: Skipped };

export const listed = <T>(items: T[], skipped: Skipped): Listed<T> =>
  // Not enumerable: the array compares, copies and serialises as the plain list it is.
  Object.defineProperty(items, 'skipped', { value: skipped, enumerable: false }) as Listed<T>;

/** What a list left out, when it was read with its report (0 otherwise). */
export const skippedOf = (items: readonly unknown[]): Skipped =>
  (items as Partial<Listed<unknown>>).skipped ?? noneSkipped();
