import type { KecamatanCode } from '../domain/kecamatan.js';

/**
 * Villages (desa) per kecamatan for the synthetic population. The names follow the region's
 * naming (Kutai, Dayak, Bugis and transmigration settlements); the list is not an official gazetteer.
 */
export const DESA_BY_KECAMATAN: Record<KecamatanCode, readonly string[]> = {
  '640801': ['Kelinjau Ilir', 'Kelinjau Ulu', 'Gemar Baru', 'Senyiur', 'Muara Dun', 'Long Poq Baru'],
  '640802': ['Nehas Liah Bing', 'Diaq Lay', 'Jak Luay', 'Dabeq', 'Wanasari', 'Long Wehea'],
  '640803': ['Muara Bengkal Ilir', 'Muara Bengkal Ulu', 'Benua Baru', 'Ngayau', 'Mulupan'],
  '640804': ['Sangatta Utara', 'Swarga Bara', 'Singa Gembara', 'Teluk Lingga'],
  '640805': ['Benua Baru Ilir', 'Kerayaan', 'Pelawan', 'Maloy', 'Saka', 'Tanjung Manis'],
  '640806': ['Long Lees', 'Long Pejeng', 'Mekar Baru', 'Long Nyelong', 'Rantau Sentosa'],
  '640807': ['Juk Ayaq', 'Long Segar', 'Rantau Panjang', 'Muara Pantun', 'Long Noran'],
  '640808': ['Miau Baru', 'Marga Mulya', 'Sri Pantun', 'Kongbeng Indah', 'Makmur Jaya'],
  '640809': ['Sepaso', 'Sepaso Timur', 'Tepian Langsat', 'Muara Bengalon', 'Keraitan', 'Tebangan Lembak'],
  '640810': ['Kaliorang', 'Bukit Makmur', 'Bangun Jaya', 'Selangkau', 'Bumi Sejahtera'],
  '640811': ['Manubar', 'Tanjung Mangkalihat', 'Susuk Luar', 'Susuk Dalam', 'Marukangan'],
  '640812': ['Sangatta Selatan', 'Singa Geweh', 'Sangkima', 'Teluk Singkama'],
  '640813': ['Teluk Pandan', 'Kandolo', 'Martadinata', 'Suka Rahmat', 'Danau Redan'],
  '640814': ['Rantau Makmur', 'Manunggal Jaya', 'Pulung Sari', 'Margo Mulyo', 'Tanjung Labu'],
  '640815': ['Bumi Etam', 'Bumi Rapak', 'Cipta Graha', 'Pengadan Baru', 'Kadungan Jaya'],
  '640816': ['Karangan Dalam', 'Karangan Hilir', 'Karangan Seberang', 'Baay', 'Mukti Lestari'],
  '640817': ['Batu Timbau', 'Himba Lestari', 'Mawai Indah', 'Telaga', 'Batu Redi'],
  '640818': ['Sumber Sari', 'Mata Air', 'Tanjung Sari', 'Sika Makmur', 'Melan'],
};

/** Relative population of each kecamatan: the Sangatta towns and the coastal mining areas are the largest. */
export const KECAMATAN_WEIGHT: Partial<Record<KecamatanCode, number>> = {
  '640804': 6,
  '640812': 2.5,
  '640809': 2.5,
  '640802': 2,
  '640805': 2,
  '640813': 1.5,
  '640814': 1.5,
};
