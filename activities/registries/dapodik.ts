import { dapodikFindResponseSchema, dapodikPupilPageSchema } from '../../domain/registries.js';
import type { DapodikPort, RegistryClientOptions } from './ports.js';
import { getFromRegistry, postToRegistry } from './registry-http.js';

/** Dapodik (national school roll) over HTTP: GET {baseUrl}/v1/peserta-didik and POST {baseUrl}/v1/peserta-didik/cari. */
export function createDapodikClient(options: RegistryClientOptions): DapodikPort {
  return {
    listPupils: ({ kecamatan, page, pageSize }) =>
      getFromRegistry('Dapodik', options, '/v1/peserta-didik', { kecamatan, page, pageSize }, dapodikPupilPageSchema),
    findPupil: (nik) => postToRegistry('Dapodik', options, '/v1/peserta-didik/cari', { nik }, dapodikFindResponseSchema),
  };
}
