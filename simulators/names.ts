import type { Random } from './prng.js';

/**
 * Names common among the communities of Kutai Timur. Most Indonesians have no inherited
 * family name, so a name is one to three personal names; Dayak families (Kenyah, Bahau,
 * Wehea) do pass a family name on, and Bugis noble families use the title Andi.
 */
export const ETHNIC_GROUPS = ['KUTAI', 'BANJAR', 'BUGIS', 'JAWA', 'DAYAK'] as const;
export type EthnicGroup = (typeof ETHNIC_GROUPS)[number];
type Sex = 'L' | 'P';

interface NamePool {
  given: Record<Sex, readonly string[]>;
  second: Record<Sex, readonly string[]>;
}

const MUSLIM_GIVEN: Record<Sex, readonly string[]> = {
  L: ['Muhammad', 'Ahmad', 'Rizky', 'Fajar', 'Ilham', 'Rahmat', 'Syahrul', 'Fadli', 'Irfan', 'Akbar', 'Yusuf', 'Hasan', 'Zainal', 'Abdul', 'Rafli', 'Alif'],
  P: ['Siti', 'Nur', 'Aisyah', 'Fatimah', 'Nurul', 'Aulia', 'Salsabila', 'Nabila', 'Intan', 'Rina', 'Zahra', 'Annisa', 'Khairunnisa', 'Putri', 'Rahmah'],
};

const POOLS: Record<EthnicGroup, NamePool> = {
  KUTAI: {
    given: { L: [...MUSLIM_GIVEN.L, 'Awang', 'Aji', 'Idris', 'Saleh'], P: [...MUSLIM_GIVEN.P, 'Dayang', 'Aji Ratna', 'Jamilah'] },
    second: {
      L: ['Kesuma', 'Saputra', 'Ramadhan', 'Maulana', 'Hidayat', 'Syahrani', 'Ismail', 'Rasyid'],
      P: ['Kesuma', 'Ramadhani', 'Maulida', 'Hidayah', 'Rahmadani', 'Safitri', 'Azzahra'],
    },
  },
  BANJAR: {
    given: { L: [...MUSLIM_GIVEN.L, 'Gusti', 'Noor', 'Arsyad'], P: [...MUSLIM_GIVEN.P, 'Noor', 'Mariana', 'Halimah'] },
    second: {
      L: ['Rahman', 'Effendi', 'Syarifuddin', 'Gazali', 'Bahrani', 'Noor', 'Fauzi', 'Hairani'],
      P: ['Rahmah', 'Noorhayati', 'Hairiyah', 'Mardiana', 'Fitriani', 'Hasanah', 'Rusmiati'],
    },
  },
  BUGIS: {
    given: { L: [...MUSLIM_GIVEN.L, 'Andi', 'Baso', 'Sulaiman'], P: [...MUSLIM_GIVEN.P, 'Andi', 'Hasnah', 'Indah'] },
    second: {
      L: ['Syamsuddin', 'Hasanuddin', 'Amiruddin', 'Tahir', 'Baharuddin', 'Latif', 'Mappa', 'Jufri'],
      P: ['Hasnawati', 'Nurhayati', 'Sumarni', 'Hartati', 'Rosmini', 'Nurjannah', 'Ramlah'],
    },
  },
  JAWA: {
    given: {
      L: ['Budi', 'Agus', 'Slamet', 'Joko', 'Bambang', 'Eko', 'Teguh', 'Wahyu', 'Bayu', 'Rizal', 'Dimas', 'Galih', 'Aditya', 'Yoga'],
      P: ['Sri', 'Endang', 'Wulan', 'Ayu', 'Dwi', 'Rini', 'Sari', 'Tri', 'Dewi', 'Anjani', 'Kirana', 'Ratna', 'Puspita'],
    },
    second: {
      L: ['Santoso', 'Wibowo', 'Prasetyo', 'Susanto', 'Nugroho', 'Setiawan', 'Wahyudi', 'Purnomo', 'Hartono', 'Kurniawan'],
      P: ['Rahayu', 'Lestari', 'Wahyuni', 'Handayani', 'Susanti', 'Astuti', 'Wulandari', 'Pratiwi', 'Kusumawati'],
    },
  },
  DAYAK: {
    given: {
      L: ['Yohanes', 'Petrus', 'Stefanus', 'Lukas', 'Markus', 'Paulus', 'Yosef', 'Daniel', 'Fransiskus', 'Agustinus', 'Hendrikus'],
      P: ['Maria', 'Lusia', 'Yuliana', 'Agnes', 'Elisabeth', 'Veronika', 'Theresia', 'Magdalena', 'Katarina', 'Rosalina'],
    },
    // Family names of Kenyah, Bahau and Wehea families.
    second: {
      L: ['Lawing', 'Jalung', 'Ajang', 'Ding', 'Lung', 'Bilung', 'Anyeq', 'Ngau', 'Usat', 'Lahang', 'Belawan', 'Imang'],
      P: ['Lawing', 'Jalung', 'Ajang', 'Ding', 'Lung', 'Bilung', 'Anyeq', 'Ngau', 'Usat', 'Lahang', 'Belawan', 'Imang'],
    },
  },
};

/** A household's naming: Dayak children carry their father's family name. */
export function familyNameFor(group: EthnicGroup, random: Random): string | undefined {
  return group === 'DAYAK' ? random.pick(POOLS.DAYAK.second.L) : undefined;
}

export function personName(group: EthnicGroup, sex: Sex, random: Random, familyName?: string): string {
  const pool = POOLS[group];
  const given = random.pick(pool.given[sex]);
  const middle = random.chance(0.25) ? random.pick(pool.given[sex].filter((name) => name !== given)) : undefined;
  const last = familyName ?? random.pick(pool.second[sex]);
  return [given, middle, last].filter(Boolean).join(' ');
}
