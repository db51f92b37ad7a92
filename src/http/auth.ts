// Authentication providers. Each adds credentials to a request; a provider may refresh itself once
// when the server answers 401. (SMART Backend Services and client credentials live beside this file.)
import type { AuthConfig } from '../model/target.js';

export interface AuthProvider {
  /** Headers to add to the next request. */
  headers(): Promise<Record<string, string>>;
  /** Called once after a 401; returns true when new credentials were obtained and the request may be retried. */
  refresh?(): Promise<boolean>;
}

export function createAuthProvider(auth: AuthConfig): AuthProvider {
  switch (auth.type) {
    case 'none':
      return { headers: async () => ({}) };
    case 'bearer':
      return { headers: async () => ({ Authorization: `Bearer ${auth.token}` }) };
    case 'basic': {
      const value = Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
      return { headers: async () => ({ Authorization: `Basic ${value}` }) };
    }
    default:
      throw new Error(`auth type "${auth.type}" is not supported yet`);
  }
}
