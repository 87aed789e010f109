import type { TaskType } from '../domain/tasks.js';
import type { EmailLanguage } from './language.js';

/** One sentence per task type telling the officer what the task asks of them. */
export const TASK_INSTRUCTIONS: Record<TaskType, string> = {
  DUKCAPIL_CORRECTION: 'Periksa perbedaan antara data anak yang dilaporkan dan data kependudukan, lalu catat hasilnya.',
  DUKCAPIL_REGISTRATION: 'Bantu keluarga menerbitkan dokumen kependudukan anak (NIK dan Kartu Keluarga), lalu catat nomornya.',
  DINSOS_REFERRAL: 'Tindak lanjuti rujukan bantuan pendidikan PIP/KIP bagi keluarga anak, lalu catat hasilnya.',
  VISIT_SCHEDULING: 'Tentukan tanggal kunjungan ke rumah keluarga anak.',
  VISIT_REPORT: 'Isi laporan kunjungan rumah: apakah keluarga ditemui, alasan anak tidak sekolah, dan jalur kembali sekolah yang disepakati.',
  ENROLMENT_CONFIRMATION: 'Pastikan anak sudah terdaftar di sekolah atau program kesetaraan, lalu catat nama sekolah, NPSN, dan kelasnya.',
  COORDINATOR_DECISION: 'Putuskan apakah upaya penanganan dilanjutkan atau kasus ditutup.',
  RETENTION_CHECK: 'Dapodik belum mencatat anak di sekolahnya. Tanyakan ke sekolah apakah anak masih hadir, lalu catat jawabannya.',
};

const TASK_INSTRUCTIONS_EN: Record<TaskType, string> = {
  DUKCAPIL_CORRECTION: 'Check the differences between the reported child data and the civil registry, then record the outcome.',
  DUKCAPIL_REGISTRATION: 'Help the family obtain the child’s civil documents (NIK and family card), then record their numbers.',
  DINSOS_REFERRAL: 'Follow up the PIP/KIP education aid referral for the child’s family, then record the outcome.',
  VISIT_SCHEDULING: 'Choose a date to visit the child’s family at home.',
  VISIT_REPORT: 'Report the home visit: whether the family was met, why the child is out of school, and the agreed path back to school.',
  ENROLMENT_CONFIRMATION: 'Make sure the child is enrolled in a school or equivalency programme, then record the school’s name, NPSN and grade.',
  COORDINATOR_DECISION: 'Decide whether to keep trying or to close the case.',
  RETENTION_CHECK: 'Dapodik does not show the child at their school yet. Ask the school whether the child still attends, then record the answer.',
};

export function taskInstruction(type: TaskType, language: EmailLanguage): string {
  return language === 'en' ? TASK_INSTRUCTIONS_EN[type] : TASK_INSTRUCTIONS[type];
}
