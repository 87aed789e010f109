import type { PrismaClient } from '../generated/prisma/client.js';
import { KECAMATAN, type KecamatanCode } from '../domain/kecamatan.js';
import type { Agency, OfficerRole } from '../domain/tasks.js';

/**
 * The development officer directory: who receives tasks in each kecamatan and who they
 * escalate to. Names are invented; emails go to a test domain that delivers nowhere.
 */

export const DEFAULT_SEED_EMAIL_DOMAIN = 'kutaitimurkab.go.id.test';

/** The one desa with its own field officer, so desa-level assignment has something to find. */
export const SEEDED_DESA_OFFICER = { kecamatan: '640804', desa: 'Swarga Bara' } as const;

/** Stable officer ids of the seeded directory, for tests and demos that need a particular officer. */
export const officerIds = {
  fieldOfficer: (kecamatan: string) => `disdik-fo-${kecamatan}`,
  supervisor: (kecamatan: string) => `disdik-spv-${kecamatan}`,
  desaFieldOfficer: (kecamatan: string, desa: string) => `disdik-fo-${kecamatan}-${slug(desa)}`,
  coordinator: () => 'disdik-coordinator',
  head: () => 'disdik-head',
  dukcapilFieldOfficer: () => 'dukcapil-fo',
  dukcapilSupervisor: () => 'dukcapil-spv',
  dinsosFieldOfficer: () => 'dinsos-fo',
  dinsosSupervisor: () => 'dinsos-spv',
};

export interface SeedOfficer {
  id: string;
  name: string;
  email: string;
  agency: Agency;
  role: OfficerRole;
  kecamatan: string | null;
  desa: string | null;
}

/** Disdikbud staff per kecamatan: the field officer who visits families and the supervisor above them. */
const KECAMATAN_STAFF: Record<KecamatanCode, { fieldOfficer: string; supervisor: string }> = {
  '640801': { fieldOfficer: 'Yohanes Lejau', supervisor: 'Rahmawati' },
  '640802': { fieldOfficer: 'Agustina Ping', supervisor: 'Stefanus Lung' },
  '640803': { fieldOfficer: 'Muhammad Rizal Effendi', supervisor: 'Ahmad Fauzi' },
  '640804': { fieldOfficer: 'Siti Nurhaliza', supervisor: 'Bambang Sutrisno' },
  '640805': { fieldOfficer: 'Andi Baso Makkasau', supervisor: 'Andi Nurmala Sari' },
  '640806': { fieldOfficer: 'Paulus Ding Lah', supervisor: 'Benediktus Jalung' },
  '640807': { fieldOfficer: 'Maria Ulan', supervisor: 'Markus Ibau' },
  '640808': { fieldOfficer: 'Sugeng Riyadi', supervisor: 'Suprapto' },
  '640809': { fieldOfficer: 'Hasanuddin', supervisor: 'Nurlela Syamsuddin' },
  '640810': { fieldOfficer: 'Nur Aisyah', supervisor: 'Zainal Abidin' },
  '640811': { fieldOfficer: 'Abdul Rahim', supervisor: 'Muhammad Yusuf' },
  '640812': { fieldOfficer: 'Dewi Lestari', supervisor: 'Fitriani Hasan' },
  '640813': { fieldOfficer: 'Rudi Hartono', supervisor: 'Darmawan Saputra' },
  '640814': { fieldOfficer: 'Wahyu Setiawan', supervisor: 'Endang Susilowati' },
  '640815': { fieldOfficer: 'Sri Wahyuni', supervisor: 'Syahrul Ramadhan' },
  '640816': { fieldOfficer: 'Arbain Saleh', supervisor: 'Jumiati' },
  '640817': { fieldOfficer: 'Yulius Ajang', supervisor: 'Paulina Hang' },
  '640818': { fieldOfficer: 'Kristina Bua', supervisor: 'Gregorius Uvang' },
};

const DESA_FIELD_OFFICER_NAME = 'Rina Marlina';

const DISTRICT_STAFF: { id: string; name: string; agency: Agency; role: OfficerRole }[] = [
  { id: officerIds.coordinator(), name: 'Irwan Syahputra', agency: 'DISDIKBUD', role: 'COORDINATOR' },
  { id: officerIds.head(), name: 'Mulyono', agency: 'DISDIKBUD', role: 'HEAD' },
  { id: officerIds.dukcapilFieldOfficer(), name: 'Nurul Hidayah', agency: 'DUKCAPIL', role: 'FIELD_OFFICER' },
  { id: officerIds.dukcapilSupervisor(), name: 'Agus Salim', agency: 'DUKCAPIL', role: 'SUPERVISOR' },
  { id: officerIds.dinsosFieldOfficer(), name: 'Ratna Sari Dewi', agency: 'DINSOS', role: 'FIELD_OFFICER' },
  { id: officerIds.dinsosSupervisor(), name: 'Hendra Gunawan', agency: 'DINSOS', role: 'SUPERVISOR' },
];

/** The whole directory as rows, without touching the database. */
export function officerDirectory(emailDomain: string = DEFAULT_SEED_EMAIL_DOMAIN): SeedOfficer[] {
  const officer = (o: Omit<SeedOfficer, 'email'>): SeedOfficer => ({ ...o, email: `${o.id}@${emailDomain}` });
  const perKecamatan = KECAMATAN.flatMap(({ code }) => [
    officer({ id: officerIds.fieldOfficer(code), name: KECAMATAN_STAFF[code].fieldOfficer, agency: 'DISDIKBUD', role: 'FIELD_OFFICER', kecamatan: code, desa: null }),
    officer({ id: officerIds.supervisor(code), name: KECAMATAN_STAFF[code].supervisor, agency: 'DISDIKBUD', role: 'SUPERVISOR', kecamatan: code, desa: null }),
  ]);
  const { kecamatan, desa } = SEEDED_DESA_OFFICER;
  const desaOfficer = officer({
    id: officerIds.desaFieldOfficer(kecamatan, desa),
    name: DESA_FIELD_OFFICER_NAME,
    agency: 'DISDIKBUD',
    role: 'FIELD_OFFICER',
    kecamatan,
    desa,
  });
  const districtWide = DISTRICT_STAFF.map((staff) => officer({ ...staff, kecamatan: null, desa: null }));
  return [...perKecamatan, desaOfficer, ...districtWide];
}

/**
 * Inserts or refreshes the development directory; running it again changes nothing. An officer
 * someone deactivated stays deactivated. Returns how many officers the directory holds.
 */
export async function seedOfficerDirectory(prisma: PrismaClient, options: { emailDomain?: string } = {}): Promise<number> {
  const officers = officerDirectory(options.emailDomain);
  await prisma.$transaction(
    officers.map(({ id, ...fields }) =>
      prisma.officer.upsert({ where: { id }, create: { id, ...fields }, update: fields }),
    ),
  );
  return officers.length;
}

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
