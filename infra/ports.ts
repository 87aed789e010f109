import net from 'node:net';

/** A port needed by an embedded service is taken; the message says which setting moves it. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';

  constructor(
    readonly port: number,
    readonly host: string,
    readonly variable: string,
    readonly what: string,
  ) {
    super(`Port ${port} (${what}) is already in use on ${host}: stop the other process or set ${variable}`);
  }
}

/**
 * Checks that `port` can be bound on `host` before a service tries it, so a clash is reported
 * as one line naming the setting (`variable`, e.g. PORT) and the service (`what`, e.g. API)
 * instead of a stack trace from deep inside a server.
 */
export async function assertPortFree(port: number, host: string, variable: string, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, host, variable, what) : error);
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** A loopback port nobody listens on right now, for servers that cannot be told to pick one themselves. */
export async function freeLocalPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', resolve);
  });
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
