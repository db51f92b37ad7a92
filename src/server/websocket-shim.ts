// Gives Node 20 the global `WebSocket` that @medplum/core 5 reads at load time (only its static state
// constants), so the server loads without the --experimental-websocket flag. Never used to connect.
const g = globalThis as { WebSocket?: unknown };
if (typeof g.WebSocket === 'undefined') {
  g.WebSocket = class UnavailableWebSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    constructor() {
      throw new Error(
        'WebSocket is not available in this Node.js runtime (the reference server does not use it)',
      );
    }
  };
}
export {};
