// The connection layer under HttpClient: keep-alive agents carrying the target's TLS settings (custom CA,
// client certificate, insecure mode) and the standard proxy variables (HTTP_PROXY, HTTPS_PROXY, NO_PROXY).
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import axios, { type AxiosInstance } from 'axios';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';
import { UsageError } from '../common/errors.js';
import type { TlsConfig } from '../model/target.js';

export interface Transport {
  readonly axios: AxiosInstance;
  /** Run-level warnings (insecure TLS) for the console and RunResult.warnings. */
  readonly warnings: readonly string[];
  /** Closes kept-alive connections. */
  close(): void;
}

export interface TransportOptions {
  readonly tls?: TlsConfig;
  /** Named in messages. */
  readonly targetName?: string;
  /** The proxy URL for a request URL, '' for none. Default: the standard environment variables. */
  readonly proxyForUrl?: (url: string) => string;
  /** Connections kept per host; at least the run's concurrency. */
  readonly maxSockets?: number;
}

export function insecureTlsWarning(targetName: string): string {
  return (
    `INSECURE TLS: certificate checking is OFF for target "${targetName}" (tls.insecure: true). ` +
    `The server's identity was not verified, so this run must not be used as conformance evidence.`
  );
}

export function createTransport(options: TransportOptions = {}): Transport {
  const name = options.targetName ?? 'target';
  const tlsOptions = tlsConnectOptions(options.tls, name);
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
  const direct = {
    http: new http.Agent(agentOptions),
    https: new https.Agent({ ...agentOptions, ...tlsOptions }),
  };
  const proxied = new Map<string, TlsTunnelAgent>();
  const proxyForUrl = options.proxyForUrl ?? getProxyForUrl;

  // axios's own proxy support cannot tunnel HTTPS; proxies are handled by the agents chosen here instead.
  const instance = axios.create({ proxy: false, httpAgent: direct.http, httpsAgent: direct.https });
  instance.interceptors.request.use((config) => {
    const proxy = config.url ? proxyForUrl(config.url) : '';
    if (proxy) {
      let agent = proxied.get(proxy);
      if (!agent) {
        agent = new TlsTunnelAgent(proxy, agentOptions, tlsOptions);
        proxied.set(proxy, agent);
      }
      config.httpAgent = agent;
      config.httpsAgent = agent;
    }
    return config;
  });
  return {
    axios: instance,
    warnings: options.tls?.insecure === true ? [insecureTlsWarning(name)] : [],
    close() {
      direct.http.destroy();
      direct.https.destroy();
      for (const agent of proxied.values()) agent.destroy();
    },
  };
}

/**
 * A CONNECT tunnel through the proxy whose TLS session with the target uses the target's TLS settings.
 * (HttpsProxyAgent applies its constructor options to the proxy connection only.)
 */
type AgentConnectOpts = Parameters<HttpsProxyAgent<string>['connect']>[1];

class TlsTunnelAgent extends HttpsProxyAgent<string> {
  constructor(
    proxy: string,
    agentOptions: http.AgentOptions,
    private readonly targetTls: tls.ConnectionOptions,
  ) {
    super(proxy, agentOptions);
  }

  override connect(req: http.ClientRequest, opts: AgentConnectOpts) {
    return super.connect(req, { ...opts, ...this.targetTls });
  }
}

/** TLS options for every HTTPS connection; bad PEM text fails here, before any request, with a clear message. */
function tlsConnectOptions(config: TlsConfig | undefined, name: string): tls.ConnectionOptions {
  if (!config) return {};
  if ((config.cert === undefined) !== (config.key === undefined)) {
    throw new UsageError(
      `target "${name}": tls.cert and tls.key must be given together (the client certificate and its key)`,
    );
  }
  const options: tls.ConnectionOptions = {
    // A custom CA is added to the usual public roots, so a public token server still works.
    ...(config.ca !== undefined ? { ca: [...tls.rootCertificates, config.ca] } : {}),
    ...(config.cert !== undefined ? { cert: config.cert, key: config.key } : {}),
    rejectUnauthorized: config.insecure !== true,
  };
  try {
    tls.createSecureContext(options);
  } catch (err) {
    throw new UsageError(`target "${name}": the TLS settings could not be used (${(err as Error).message})`);
  }
  return options;
}
