import { type DinsosStatusRequest, dinsosHouseholdPageSchema, dinsosStatusResponseSchema } from '../../domain/registries.js';
import type { DinsosHouseholdsPort, DinsosPort, RegistryClientOptions } from './ports.js';
import { getFromRegistry, postToRegistry } from './registry-http.js';

/** Dinsos (welfare registry, DTKS/DTSEN) over HTTP: POST {baseUrl}/v1/status-kesejahteraan and GET {baseUrl}/v1/keluarga. */
export function createDinsosClient(options: RegistryClientOptions): DinsosPort & DinsosHouseholdsPort {
  return {
    status: (request: DinsosStatusRequest) =>
      postToRegistry('Dinsos', options, '/v1/status-kesejahteraan', request, dinsosStatusResponseSchema),
    listHouseholds: ({ kecamatan, maxDecile, page, pageSize }) =>
      getFromRegistry('Dinsos', options, '/v1/keluarga', { kecamatan, maxDecile, page, pageSize }, dinsosHouseholdPageSchema),
  };
}
