import { ApplicationFailure } from '@temporalio/common';
import type { CaseActivities } from './contract.js';
import type { ActivityDeps } from './deps.js';

export function welfareActivities({ dinsos, settings }: ActivityDeps): Pick<CaseActivities, 'checkWelfare'> {
  return {
    async checkWelfare({ nik, noKk }) {
      if (!nik && !noKk) throw ApplicationFailure.nonRetryable('checkWelfare needs a NIK or a family card number', 'InvalidInput');
      const response = await dinsos.status({ ...(nik ? { nik } : {}), ...(noKk ? { noKk } : {}) });
      const pipCandidate = response.status === 'REGISTERED' && response.decile <= settings.welfareMaxDecile;
      return { ...response, pipCandidate };
    },
  };
}
