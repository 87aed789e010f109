import type {
  DapodikFindResponse,
  DapodikPupilPage,
  DapodikPupilQuery,
  DinsosHouseholdPage,
  DinsosHouseholdQuery,
  DinsosStatusRequest,
  DinsosStatusResponse,
  DukcapilResidentPage,
  DukcapilResidentQuery,
  DukcapilVerifyRequest,
  DukcapilVerifyResponse,
} from '../../domain/registries.js';

/**
 * The registries as the activities see them. Production uses the HTTP adapters beside this
 * file; tests may pass any object with the same shape.
 *
 * All throw an ApplicationFailure when no answer can be had: type `RegistryUnavailable`
 * (retryable: network error, timeout, 5xx, an answer outside the contract) or
 * `RegistryRejectedRequest` (not retryable: the registry refused the request, 4xx).
 */
export interface DukcapilPort {
  verify(request: DukcapilVerifyRequest): Promise<DukcapilVerifyResponse>;
}

/** Dukcapil's listing of residents, which only the reconciliation reads. */
export interface DukcapilResidentsPort {
  /** One page of the kecamatan's residents of compulsory school age; pages follow one stable order. */
  listSchoolAgeResidents(query: DukcapilResidentQuery): Promise<DukcapilResidentPage>;
}

export interface DinsosPort {
  status(request: DinsosStatusRequest): Promise<DinsosStatusResponse>;
}

/** Dinsos's listing of poor households, which only the reconciliation reads. */
export interface DinsosHouseholdsPort {
  /** One page of the kecamatan's registered households up to `maxDecile`; pages follow one stable order. */
  listHouseholds(query: DinsosHouseholdQuery): Promise<DinsosHouseholdPage>;
}

export interface DapodikPort {
  /** One page of the pupils of a kecamatan's schools; pages follow one stable order. */
  listPupils(query: DapodikPupilQuery): Promise<DapodikPupilPage>;
  /** The pupil's current (or last) enrolment, or NOT_FOUND for a child the roll does not hold. */
  findPupil(nik: string): Promise<DapodikFindResponse>;
}

export interface RegistryClientOptions {
  /** e.g. DUKCAPIL_URL; the contract's paths are appended to it. */
  baseUrl: string;
  /** Per request, including reading the answer (REGISTRY_TIMEOUT_MS). */
  timeoutMs: number;
}

export const REGISTRY_UNAVAILABLE = 'RegistryUnavailable';
export const REGISTRY_REJECTED_REQUEST = 'RegistryRejectedRequest';
