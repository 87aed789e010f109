/** The 18 kecamatan of Kabupaten Kutai Timur with their Kemendagri region codes (64.08.xx). */
export const KECAMATAN = [
  { code: '640801', name: 'Muara Ancalong', remote: true },
  { code: '640802', name: 'Muara Wahau', remote: true },
  { code: '640803', name: 'Muara Bengkal', remote: true },
  { code: '640804', name: 'Sangatta Utara', remote: false },
  { code: '640805', name: 'Sangkulirang', remote: false },
  { code: '640806', name: 'Busang', remote: true },
  { code: '640807', name: 'Telen', remote: true },
  { code: '640808', name: 'Kongbeng', remote: true },
  { code: '640809', name: 'Bengalon', remote: false },
  { code: '640810', name: 'Kaliorang', remote: false },
  { code: '640811', name: 'Sandaran', remote: true },
  { code: '640812', name: 'Sangatta Selatan', remote: false },
  { code: '640813', name: 'Teluk Pandan', remote: false },
  { code: '640814', name: 'Rantau Pulung', remote: false },
  { code: '640815', name: 'Kaubun', remote: false },
  { code: '640816', name: 'Karangan', remote: false },
  { code: '640817', name: 'Batu Ampar', remote: true },
  { code: '640818', name: 'Long Mesangat', remote: true },
] as const;

export type KecamatanCode = (typeof KECAMATAN)[number]['code'];
export const KECAMATAN_CODES = KECAMATAN.map((k) => k.code) as [KecamatanCode, ...KecamatanCode[]];
export const DISTRICT_REGION_CODE = '6408';

export function kecamatanName(code: string): string {
  return KECAMATAN.find((k) => k.code === code)?.name ?? code;
}
