import type { TestProject } from 'vitest/node';
import { makeCertificate } from '../sandbox/server';

declare module 'vitest' {
  export interface ProvidedContext {
    sandboxCertificate: { private: string; cert: string };
  }
}

/** Made once, in Node: jsdom's typed arrays cannot feed WebCrypto in a test file. */
export default async function setup(project: TestProject) {
  project.provide('sandboxCertificate', await makeCertificate());
}
