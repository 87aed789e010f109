import type { TaskType } from '../domain/tasks.js';

/** One sentence per task type telling the officer what the task asks of them. */
export const TASK_INSTRUCTIONS: Record<TaskType, string> = {
  DUKCAPIL_CORRECTION: 'Periksa perbedaan antara data anak yang dilaporkan dan data kependudukan, lalu catat hasilnya.',
  DUKCAPIL_REGISTRATION: 'Bantu keluarga menerbitkan dokumen kependudukan anak (NIK dan Kartu Keluarga), lalu catat nomornya.',
  DINSOS_REFERRAL: 'Tindak lanjuti rujukan bantuan pendidikan PIP/KIP bagi keluarga anak, lalu catat hasilnya.',
  VISIT_SCHEDULING: 'Tentukan tanggal kunjungan ke rumah keluarga anak.',
  VISIT_REPORT: 'Isi laporan kunjungan rumah: apakah keluarga ditemui, alasan anak tidak sekolah, dan jalur kembali sekolah yang disepakati.',
  ENROLMENT_CONFIRMATION: 'Pastikan anak sudah terdaftar di sekolah atau program kesetaraan, lalu catat nama sekolah, NPSN, dan kelasnya.',
  COORDINATOR_DECISION: 'Putuskan apakah upaya penanganan dilanjutkan atau kasus ditutup.',
};
