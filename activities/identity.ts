import type { CaseActivities } from './contract.js';
import type { ActivityDeps } from './deps.js';

export function identityActivities({ dukcapil }: ActivityDeps): Pick<CaseActivities, 'verifyIdentity'> {
  return {
    // The port already raises typed ApplicationFailures (retryable when Dukcapil is down), so they pass through.
    async verifyIdentity({ child }) {
      return dukcapil.verify({
        nik: child.nik,
        fullName: child.fullName,
        birthDate: child.birthDate,
        sex: child.sex,
        ...(child.noKk === undefined ? {} : { noKk: child.noKk }),
      });
    },
  };
}
