// Types for proxy-from-env 2.x, which ships none: the proxy URL for a request URL ('' when none applies).
declare module 'proxy-from-env' {
  export function getProxyForUrl(url: string | URL): string;
}
