/** Reports of children unlike each other (name, birth date, desa), so none goes to duplicate review. */
const KECAMATAN = ['640801', '640802', '640803', '640804', '640805', '640806', '640807', '640808', '640809', '640810', '640811', '640812'];
const SYLLABLES = ['ra', 'mi', 'su', 'ko', 'de', 'wan', 'ti', 'nur', 'ha', 'yu', 'lan', 'bo', 'se', 'gi', 'pu', 'zar', 'mel', 'ok', 'ri', 'dan'];

/** A name unlike any other child's in the run; `salt` keeps two benches in one run apart. */
export function nameOf(i: number, salt = 0): string {
  let n = (i * 7919 + 104_729 + salt * 15_485_863) % 160_000;
  const word = () => {
    let w = '';
    for (let s = 0; s < 3; s += 1) {
      w += SYLLABLES[n % SYLLABLES.length];
      n = Math.floor(n / SYLLABLES.length) + s * 13;
    }
    return w.charAt(0).toUpperCase() + w.slice(1);
  };
  return `${word()} ${word()} ${i.toString(36)}${salt ? ` ${salt.toString(36)}` : ''}`;
}

export function reportOf(i: number, salt = 0) {
  return {
    child: {
      fullName: nameOf(i, salt),
      birthDate: `20${String(10 + (i % 8))}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`,
      sex: i % 2 ? 'L' : 'P',
      kecamatan: KECAMATAN[i % KECAMATAN.length],
      desa: `Desa Beban ${salt}-${i}`,
      address: `Jl. Beban No. ${i}`,
    },
    category: 'BPB',
    reasons: ['ECONOMIC'],
    source: { channel: 'SIPBM', reference: `beban-${salt}-${i}` },
  };
}
