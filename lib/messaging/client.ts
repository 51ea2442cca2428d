import { sendMessage } from './channel';
import type { InputOf, MessageName, ReplyOf } from './protocol';
import { fail, type Result, unwrap } from './result';

/**
 * The one way pages and the content script ask the background. `call` answers a Result, also
 * when the background could not be reached (the extension was just reloaded or updated); `ask`
 * unwraps it, throwing an error that carries the ErrorInfo (what TanStack Query wants).
 */
export async function call<K extends MessageName>(name: K, data?: InputOf<K>): Promise<Result<ReplyOf<K>>> {
  try {
    // The channel's generic signature cannot be followed through `name`; the table guarantees the pair.
    const send = sendMessage as unknown as (name: K, data?: InputOf<K>) => Promise<Result<ReplyOf<K>>>;
    return await send(name, data);
  } catch (error) {
    return fail(error);
  }
}

export async function ask<K extends MessageName>(name: K, data?: InputOf<K>): Promise<ReplyOf<K>> {
  return unwrap(await call(name, data));
}
