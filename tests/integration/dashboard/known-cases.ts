import type { TaskType } from '../../../domain/tasks.js';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import { officerIds } from '../../../infra/seed.js';

/**
 * The read model as the workflows would leave it, written straight through Prisma so every date is
 * known and the dashboard's figures can be checked to the decimal. "Now" is 15 December 2026, 12:00
 * WITA. Days below are UTC instants; WITA is eight hours ahead.
 */
export const NOW = new Date('2026-12-15T04:00:00Z');

interface KnownTask {
  type: TaskType;
  status: 'OPEN' | 'COMPLETED' | 'CANCELLED';
  assigneeId: string;
  openedAt: string;
  dueAt: string;
  closedAt?: string;
}

interface KnownCase {
  id: string;
  kecamatan: string;
  category: 'DO' | 'LTM' | 'BPB';
  stage: string;
  outcome?: 'RETAINED' | 'ENROLLED' | 'CLOSED';
  closeReason?: string;
  /** When the enrolment was confirmed; cases closed as ENROLLED were enrolled when they closed. */
  enrolledAt?: string;
  overdue?: boolean;
  openedAt: string;
  closedAt?: string;
  child: { fullName: string; nik?: string; birthDate: string; sex: 'L' | 'P'; desa: string };
  tasks?: KnownTask[];
}

const sangattaFo = officerIds.fieldOfficer('640804');
const bengalonFo = officerIds.fieldOfficer('640809');

/** Five cases in Sangatta Utara, two in Sangkulirang, one in Bengalon. */
export const KNOWN_CASES: KnownCase[] = [
  {
    id: 'ats-su-1', kecamatan: '640804', category: 'DO', stage: 'HOME_VISIT', overdue: true, openedAt: '2026-11-02T00:00:00Z',
    child: { fullName: 'Rahmat Hidayat', nik: '6408041505120001', birthDate: '2012-05-15', sex: 'L', desa: 'Singa Gembara' },
    tasks: [{ type: 'VISIT_REPORT', status: 'OPEN', assigneeId: sangattaFo, openedAt: '2026-11-30T00:00:00Z', dueAt: '2026-12-10T09:00:00Z' }],
  },
  {
    id: 'ats-su-2', kecamatan: '640804', category: 'DO', stage: 'AWAITING_ENROLMENT', openedAt: '2026-11-01T00:00:00Z',
    child: { fullName: 'Nur Aini', nik: '6408044107110002', birthDate: '2011-07-01', sex: 'P', desa: 'Swarga Bara' },
    tasks: [
      { type: 'VISIT_REPORT', status: 'COMPLETED', assigneeId: sangattaFo, openedAt: '2026-11-02T00:00:00Z', dueAt: '2026-11-09T09:00:00Z', closedAt: '2026-11-05T00:00:00Z' },
      { type: 'ENROLMENT_CONFIRMATION', status: 'OPEN', assigneeId: sangattaFo, openedAt: '2026-11-05T00:00:00Z', dueAt: '2026-12-20T09:00:00Z' },
    ],
  },
  {
    id: 'ats-su-3', kecamatan: '640804', category: 'BPB', stage: 'CLOSED', outcome: 'ENROLLED', openedAt: '2026-10-01T00:00:00Z', closedAt: '2026-10-21T00:00:00Z',
    child: { fullName: 'Yusuf Maulana', birthDate: '2014-01-20', sex: 'L', desa: 'Teluk Lingga' },
    tasks: [{ type: 'VISIT_REPORT', status: 'COMPLETED', assigneeId: sangattaFo, openedAt: '2026-10-02T00:00:00Z', dueAt: '2026-10-09T09:00:00Z', closedAt: '2026-10-03T00:00:00Z' }],
  },
  {
    id: 'ats-su-4', kecamatan: '640804', category: 'LTM', stage: 'CLOSED', outcome: 'ENROLLED', openedAt: '2026-11-20T00:00:00Z', closedAt: '2026-12-01T00:00:00Z',
    child: { fullName: 'Dewi Anggraini', nik: '6408045003100003', birthDate: '2010-03-10', sex: 'P', desa: 'Singa Gembara' },
    tasks: [{ type: 'VISIT_REPORT', status: 'COMPLETED', assigneeId: sangattaFo, openedAt: '2026-11-21T00:00:00Z', dueAt: '2026-11-28T09:00:00Z', closedAt: '2026-11-26T00:00:00Z' }],
  },
  {
    id: 'ats-su-5', kecamatan: '640804', category: 'DO', stage: 'CLOSED', outcome: 'CLOSED', closeReason: 'MOVED', openedAt: '2026-09-15T00:00:00Z', closedAt: '2026-09-30T00:00:00Z',
    child: { fullName: 'Andi Pratama', nik: '6408040202090004', birthDate: '2009-02-02', sex: 'L', desa: 'Sangatta Utara' },
    tasks: [{ type: 'VISIT_SCHEDULING', status: 'CANCELLED', assigneeId: sangattaFo, openedAt: '2026-09-16T00:00:00Z', dueAt: '2026-09-20T09:00:00Z', closedAt: '2026-09-30T00:00:00Z' }],
  },
  {
    id: 'ats-sk-1', kecamatan: '640805', category: 'DO', stage: 'VERIFYING_IDENTITY', openedAt: '2026-12-10T00:00:00Z',
    child: { fullName: 'Siti Rahma', birthDate: '2013-08-08', sex: 'P', desa: 'Benua Baru' },
    tasks: [{ type: 'DUKCAPIL_REGISTRATION', status: 'OPEN', assigneeId: officerIds.dukcapilFieldOfficer(), openedAt: '2026-12-10T00:00:00Z', dueAt: '2026-12-12T09:00:00Z' }],
  },
  {
    // Enrolled at 01:00 WITA on 1 December, still 30 November in UTC: December's in Kutai Timur.
    id: 'ats-sk-2', kecamatan: '640805', category: 'BPB', stage: 'CLOSED', outcome: 'ENROLLED', openedAt: '2026-11-01T00:00:00Z', closedAt: '2026-11-30T17:00:00Z',
    child: { fullName: 'Muhammad Fadli', birthDate: '2012-12-12', sex: 'L', desa: 'Benua Baru' },
    tasks: [
      { type: 'VISIT_REPORT', status: 'COMPLETED', assigneeId: officerIds.fieldOfficer('640805'), openedAt: '2026-11-02T00:00:00Z', dueAt: '2026-11-09T09:00:00Z', closedAt: '2026-11-08T00:00:00Z' },
      { type: 'VISIT_REPORT', status: 'COMPLETED', assigneeId: officerIds.fieldOfficer('640805'), openedAt: '2026-11-08T00:00:00Z', dueAt: '2026-11-15T09:00:00Z', closedAt: '2026-11-11T00:00:00Z' },
    ],
  },
  {
    // Reported at 01:00 WITA on 15 December, which is still 14 December in UTC.
    id: 'ats-bg-1', kecamatan: '640809', category: 'DO', stage: 'HOME_VISIT', openedAt: '2026-12-14T17:00:00Z',
    child: { fullName: 'Ahmad Rizki', nik: '6408092306130005', birthDate: '2013-06-23', sex: 'L', desa: 'Sepaso' },
    tasks: [
      { type: 'VISIT_SCHEDULING', status: 'OPEN', assigneeId: bengalonFo, openedAt: '2026-12-14T17:10:00Z', dueAt: '2026-12-18T09:00:00Z' },
      { type: 'DINSOS_REFERRAL', status: 'OPEN', assigneeId: officerIds.dinsosFieldOfficer(), openedAt: '2026-12-14T17:10:00Z', dueAt: '2026-12-30T09:00:00Z' },
    ],
  },
];

export async function writeKnownCases(prisma: PrismaClient, cases: KnownCase[] = KNOWN_CASES): Promise<void> {
  for (const known of cases) {
    await prisma.case.create({
      data: {
        id: known.id,
        stage: known.stage,
        kecamatan: known.kecamatan,
        desa: known.child.desa,
        category: known.category,
        overdue: known.overdue ?? false,
        outcome: known.outcome ?? null,
        closeReason: known.closeReason ?? null,
        openedAt: new Date(known.openedAt),
        closedAt: known.closedAt ? new Date(known.closedAt) : null,
        enrolledAt: known.enrolledAt ? new Date(known.enrolledAt) : known.outcome === 'ENROLLED' ? new Date(known.closedAt!) : null,
        child: {
          create: {
            fullName: known.child.fullName, nik: known.child.nik ?? null, birthDate: known.child.birthDate, sex: known.child.sex,
            kecamatan: known.kecamatan, desa: known.child.desa, address: `Jl. Poros ${known.child.desa} RT 3`,
          },
        },
        tasks: {
          create: (known.tasks ?? []).map((task, index) => ({
            taskId: `${task.type.toLowerCase().replaceAll('_', '-')}-${index + 1}`,
            type: task.type,
            status: task.status,
            assigneeId: task.assigneeId,
            kecamatan: known.kecamatan,
            openedAt: new Date(task.openedAt),
            dueAt: new Date(task.dueAt),
            closedAt: task.closedAt ? new Date(task.closedAt) : null,
            context: {},
          })),
        },
      },
    });
  }
}
