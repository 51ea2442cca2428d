import type { CoderPadClient } from '../services/coderpad/client';
import type { LeverEnvironment } from '../services/environments';
import type { LeverClient } from '../services/lever/client';

/** What the connection handlers need: clients made for a key being tested, and for the saved keys. */
export interface ClientMakers {
  leverWith(apiKey: string, environment: LeverEnvironment): LeverClient;
  coderpadWith(apiKey: string): CoderPadClient;
  lever(): Promise<LeverClient>;
  coderpad(): Promise<CoderPadClient>;
}

/** What the connections' functions share: the clients, and the clock. */
export interface ConnectionContext {
  clients: ClientMakers;
  now: () => number;
}
