import { type DukcapilVerifyRequest, dukcapilVerifyResponseSchema } from '../../domain/registries.js';
import type { DukcapilPort, RegistryClientOptions } from './ports.js';
import { postToRegistry } from './registry-http.js';

/** Dukcapil (civil registry) over HTTP: POST {baseUrl}/v1/verifikasi. */
export function createDukcapilClient(options: RegistryClientOptions): DukcapilPort {
  return {
    verify: (request: DukcapilVerifyRequest) =>
      postToRegistry('Dukcapil', options, '/v1/verifikasi', request, dukcapilVerifyResponseSchema),
  };
}
