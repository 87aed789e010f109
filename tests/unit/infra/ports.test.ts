import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { assertPortFree, PortInUseError } from '../../../infra/ports.js';

describe('checking a port before starting a service', () => {
  let occupant: net.Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (occupant ? occupant.close(() => resolve()) : resolve()));
    occupant = undefined;
  });

  async function occupyFreePort(): Promise<number> {
    occupant = net.createServer();
    await new Promise<void>((resolve) => occupant!.listen(0, '127.0.0.1', resolve));
    return (occupant.address() as net.AddressInfo).port;
  }

  it('passes when nothing listens on the port, and leaves it free', async () => {
    const port = await occupyFreePort();
    await new Promise<void>((resolve) => occupant!.close(() => resolve()));
    occupant = undefined;

    await assertPortFree(port, '127.0.0.1', 'PORT', 'API');
    await assertPortFree(port, '127.0.0.1', 'PORT', 'API');
  });

  it('names the service and the setting to change when the port is taken', async () => {
    const port = await occupyFreePort();

    const failure = assertPortFree(port, '127.0.0.1', 'PORT', 'API');

    await expect(failure).rejects.toBeInstanceOf(PortInUseError);
    await expect(failure).rejects.toThrow(
      `Port ${port} (API) is already in use on 127.0.0.1: stop the other process or set PORT`,
    );
  });

  it('reports other bind failures as they are', async () => {
    await expect(assertPortFree(1, '203.0.113.1', 'MAILBOX_PORT', 'mailbox page')).rejects.toMatchObject({ code: 'EADDRNOTAVAIL' });
  });
});
