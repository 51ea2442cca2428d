import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import type { SandboxOptions } from '../../sandbox/state';

/** Fast retries for tests: the same policy, shorter waits. */
export const FAST_HTTP = { minDelayMs: 5, maxDelayMs: 20, timeoutMs: 2_000 };

/** One sandbox per test file, its state reset before each test. */
export function withSandbox(options: SandboxOptions = {}) {
  const holder: { sandbox: Sandbox } = {} as { sandbox: Sandbox };
  beforeAll(async () => {
    holder.sandbox = await startSandbox({ ...options, certificate: inject('sandboxCertificate') });
  });
  afterEach(() => {
    holder.sandbox.state.reset(options);
  });
  afterAll(async () => {
    await holder.sandbox?.close();
  });
  return holder;
}
