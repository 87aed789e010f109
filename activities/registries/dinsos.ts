import { type DinsosStatusRequest, dinsosStatusResponseSchema } from '../../domain/registries.js';
import type { DinsosPort, RegistryClientOptions } from './ports.js';
import { postToRegistry } from './registry-http.js';

/** Dinsos (welfare registry, DTKS/DTSEN) over HTTP: POST {baseUrl}/v1/status-kesejahteraan. */
export function createDinsosClient(options: RegistryClientOptions): DinsosPort {
  return {
    status: (request: DinsosStatusRequest) =>
      postToRegistry('Dinsos', options, '/v1/status-kesejahteraan', request, dinsosStatusResponseSchema),
  };
}
