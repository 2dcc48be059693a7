import { type ClientOptions, resolveClientOptions } from './core/options.js';
import { Transport } from './internal/transport.js';
import { Autobranch } from './resources/autobranch.js';
import { Branches } from './resources/branches.js';
import { Checkpoints } from './resources/checkpoints.js';
import { Conversations } from './resources/conversations.js';
import { Messages } from './resources/messages.js';

/**
 * The ChatRoutes client: `new ChatRoutes({ apiKey })`, then
 * `client.conversations`, `client.messages`, `client.branches`, `client.checkpoints` and
 * `client.autobranch`, the same resources and methods as the Python SDK, in camelCase.
 */
export class ChatRoutes {
  /** Create, list, get, rename and delete conversations; get their branch tree. */
  readonly conversations: Conversations;
  /** Send and stream messages; list, edit and delete them. */
  readonly messages: Messages;
  /** Branches and forks: create, fork, list, update, delete, merge, send on one. */
  readonly branches: Branches;
  /** Checkpoints that summarise a branch's history: create, list, recreate, delete. */
  readonly checkpoints: Checkpoints;
  /** AutoBranch: find where a text could branch; the service's health. */
  readonly autobranch: Autobranch;
  readonly #transport: Transport;

  /** Throws at once when an option is invalid, or when there is no API key at all. */
  constructor(options: ClientOptions = {}) {
    this.#transport = new Transport(resolveClientOptions(options));
    this.conversations = new Conversations(this.#transport);
    this.messages = new Messages(this.#transport);
    this.branches = new Branches(this.#transport);
    this.checkpoints = new Checkpoints(this.#transport, this.branches);
    this.autobranch = new Autobranch(this.#transport);
    // What `util.inspect(client)` and `console.log(client)` show in Node. Set here rather than
    // as a method with a computed key, which bundlers cannot prove pure: it would keep the
    // whole client in a bundle that imports only an error class or `MessageStream`.
    Object.defineProperty(this, Symbol.for('nodejs.util.inspect.custom'), {
      value: () => `ChatRoutes ${JSON.stringify(this)}`,
    });
  }

  /** The resolved base URL, e.g. `https://api.chatroutes.com/api/v1`. */
  get baseUrl(): string {
    return this.#transport.settings.baseUrl;
  }

  /** What `JSON.stringify(client)` and logs show: the settings, never the key. */
  toJSON(): Record<string, unknown> {
    return { ...this.#transport.settings, apiKey: '[redacted]' };
  }
}
