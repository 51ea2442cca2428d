import { CODERPAD_KEYS, LEVER_KEYS } from './seed';
import { startSandbox } from './server';

/** `npm run sandbox`: the simulator alone, for a browser you start yourself. */
const sandbox = await startSandbox({ port: Number(process.env.PADBRIDGE_SANDBOX_PORT ?? 8443) });
console.log(`Sandbox on https://127.0.0.1:${sandbox.port}
Lever key: ${LEVER_KEYS.valid}   CoderPad key: ${CODERPAD_KEYS.valid}
Start Chromium with:
  --host-resolver-rules="${sandbox.hostResolverRules}" --ignore-certificate-errors
Control routes (localhost only): GET /__sandbox/state, POST /__sandbox/reset, POST /__sandbox/faults, POST /__sandbox/pads/<id>/start, POST /__sandbox/pads/<id>/end`);
