import { type DukcapilVerifyRequest, dukcapilResidentPageSchema, dukcapilVerifyResponseSchema } from '../../domain/registries.js';
import type { DukcapilPort, DukcapilResidentsPort, RegistryClientOptions } from './ports.js';
import { getFromRegistry, postToRegistry } from './registry-http.js';

/** Dukcapil (civil registry) over HTTP: POST {baseUrl}/v1/verifikasi and GET {baseUrl}/v1/penduduk-usia-sekolah. */
export function createDukcapilClient(options: RegistryClientOptions): DukcapilPort & DukcapilResidentsPort {
  return {
    verify: (request: DukcapilVerifyRequest) =>
      postToRegistry('Dukcapil', options, '/v1/verifikasi', request, dukcapilVerifyResponseSchema),
    listSchoolAgeResidents: ({ kecamatan, page, pageSize }) =>
      getFromRegistry('Dukcapil', options, '/v1/penduduk-usia-sekolah', { kecamatan, page, pageSize }, dukcapilResidentPageSchema),
  };
}
