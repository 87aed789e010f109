import { monitoringCheckTimes, rollCheckOf } from '../domain/monitoring.js';
import type { CaseActivities } from './contract.js';
import type { ActivityDeps } from './deps.js';

/** The case's look at Dapodik after the enrolment: when, and what the roll says. */
export function schoolRollActivities({ dapodik, settings }: ActivityDeps): Pick<CaseActivities, 'planMonitoring' | 'checkSchoolRoll'> {
  return {
    async planMonitoring({ enrolmentDate, confirmedAt }) {
      return { checkAt: monitoringCheckTimes(settings.monitoringChecks, enrolmentDate, confirmedAt) };
    },
    async checkSchoolRoll({ nik, enrolmentDate }) {
      return rollCheckOf(await dapodik.findPupil(nik), enrolmentDate);
    },
  };
}
