import type { Transport } from '../internal/transport.js';

/** A group of endpoints. Resources only say what to call: the transport does the rest. */
export abstract class Resource {
  /** @internal */
  protected readonly transport: Transport;

  constructor(transport: Transport) {
    this.transport = transport;
  }
}
