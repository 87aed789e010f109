import { describe, expect, it } from 'vitest';
import {
  compareBirthDates,
  compareChildren,
  DEFAULT_DUPLICATE_THRESHOLDS,
  desaSimilarity,
  nameSimilarity,
} from '../../../domain/name-similarity.js';

const LIKELY = DEFAULT_DUPLICATE_THRESHOLDS.nameMinSimilarity;

describe('names a coordinator knows are one child, written two ways', () => {
  it.each([
    ['Muhammad Rizky Pratama', 'Muhamad Rizki Pratama', 'Muhammad/Muhamad, y/i'],
    ['Sitti Nurhalisa', 'Siti Nurhaliza', 'Sitti/Siti, s/z'],
    ['Djoko Santoso', 'Joko Santoso', 'old spelling dj'],
    ['Tjahjo Kumolo', 'Cahyo Kumolo', 'old spelling tj and j for y'],
    ['Jusuf Effendi', 'Yusuf Efendi', 'old j for y, doubled letter'],
    ['Achmad Sjarifuddin', 'Ahmad Syarifudin', 'ch, sj, doubled letter'],
    ['Soekarno Putra', 'Sukarno Putra', 'old oe'],
    ['Njoman Ardana', 'Nyoman Ardana', 'old nj'],
    ['Moh. Fadli', 'Muhammad Fadly', 'Moh. for Muhammad'],
    ['M. Rizky', 'Muhammad Rizki', 'M. for Muhammad'],
    ['Mochamad Taufiq', 'Muhammad Taufik', 'Mochamad, q/k'],
    ['Abd. Rahman', 'Abdul Rahman', 'Abd. for Abdul'],
    ['Noor Aini', 'Nur Aini', 'Noor/Nur'],
    ['Fatimah Azzahra', 'Fatima Azahra', 'trailing h, doubled letter'],
    ['Siti Aisyah', 'Siti Aisya', 'trailing h'],
    ['Nur Haliza', 'Nurhaliza', 'written apart or together'],
    ['Rizky Pratama', 'Muhammad Rizky Pratama', 'first name left out'],
    ['Novi Lestari', 'Nofi Lestari', 'v/f'],
    ['Faizal Ramadhan', 'Faisal Ramadan', 'z/s, dh/d'],
    ['Pratama Rizky', 'Rizky Pratama', 'order swapped'],
    ['An. Dewi Sartika', 'Dewi Sartika', 'An. (ananda) in front'],
  ])('%s ~ %s (%s)', (a, b) => {
    expect(nameSimilarity(a, b)).toBeGreaterThanOrEqual(LIKELY);
  });
});

describe('names that only look alike: two children', () => {
  it.each([
    ['Siti Aminah', 'Siti Rahmawati', 'same first name, different second'],
    ['Muhammad Iqbal', 'Muhammad Irfan', 'Muhammad says little'],
    ['Andi Saputra', 'Andi Setiawan', 'same first name'],
    ['Budi Santoso', 'Joko Santoso', 'same family name'],
    ['Nur Aini', 'Nur Aisyah', 'short names one syllable apart'],
    ['Agus Salim', 'Agus Halim', 'one letter in a short name'],
    ['Ahmad Fauzi', 'Ahmad Fauzan', 'different ending'],
    ['Siti', 'Siti Aminah', 'a lone common name'],
    ['Putri Ayu', 'Putra Ayu', 'girl and boy'],
  ])('%s ≁ %s (%s)', (a, b) => {
    expect(nameSimilarity(a, b)).toBeLessThan(LIKELY);
  });
});

describe('birth dates', () => {
  it('the same date, a date within the window, a swapped day and month, and a date too far', () => {
    expect(compareBirthDates('2013-03-12', '2013-03-12', 31).match).toBe('SAME');
    expect(compareBirthDates('2013-03-12', '2013-04-01', 31)).toEqual({ match: 'CLOSE', daysApart: 20 });
    expect(compareBirthDates('2013-03-12', '2013-12-03', 31).match).toBe('DAY_MONTH_SWAPPED');
    expect(compareBirthDates('2013-03-12', '2013-05-12', 31).match).toBe('FAR');
    expect(compareBirthDates('2013-03-12', '2013-05-12', 90).match).toBe('CLOSE');
  });
});

describe('desa names', () => {
  it('counts "Desa Swargabara" as Swarga Bara and "Sangata" as Sangatta, but not another desa', () => {
    expect(desaSimilarity('Desa Swargabara', 'Swarga Bara')).toBeGreaterThanOrEqual(DEFAULT_DUPLICATE_THRESHOLDS.desaMinSimilarity);
    expect(desaSimilarity('Sangata Utara', 'Sangatta Utara')).toBe(1);
    expect(desaSimilarity('Teluk Lingga', 'Teluk Singkama')).toBeLessThan(DEFAULT_DUPLICATE_THRESHOLDS.desaMinSimilarity);
    expect(desaSimilarity('Singa Gembara', 'Swarga Bara')).toBeLessThan(DEFAULT_DUPLICATE_THRESHOLDS.desaMinSimilarity);
  });
});

describe('two children compared on all three clues', () => {
  const existing = { fullName: 'Muhammad Rizky Pratama', birthDate: '2013-05-11', desa: 'Singa Gembara' };

  it('is a likely duplicate with a variant name, a close birth date and the same desa, and says what matched', () => {
    const match = compareChildren({ fullName: 'Muhamad Rizki Pratama', birthDate: '2013-05-14', desa: 'Desa Singa Gembara' }, existing, DEFAULT_DUPLICATE_THRESHOLDS);
    expect(match).toMatchObject({ likely: true, nameSimilarity: 1, birthDate: 'CLOSE', daysApart: 3, desaSimilarity: 1 });
    expect(match.score).toBeGreaterThan(0.9);
  });

  it('is not one when any clue fails: another desa, a birth date far apart, or another name', () => {
    const thresholds = DEFAULT_DUPLICATE_THRESHOLDS;
    expect(compareChildren({ ...existing, desa: 'Swarga Bara' }, existing, thresholds).likely).toBe(false);
    expect(compareChildren({ ...existing, birthDate: '2014-05-11' }, existing, thresholds).likely).toBe(false);
    expect(compareChildren({ ...existing, fullName: 'Muhammad Irfan Pratama' }, existing, thresholds).likely).toBe(false);
  });

  it('follows the configured window', () => {
    const far = { ...existing, birthDate: '2013-07-01' };
    expect(compareChildren(far, existing, DEFAULT_DUPLICATE_THRESHOLDS).likely).toBe(false);
    expect(compareChildren(far, existing, { ...DEFAULT_DUPLICATE_THRESHOLDS, birthDateWindowDays: 60 }).likely).toBe(true);
  });
});
