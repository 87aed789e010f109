import { identityKeys } from '../infra/case-identity.js';
import type { CaseActivities } from './contract.js';
import type { ActivityDeps } from './deps.js';

export function caseAliasActivities({ prisma, settings }: ActivityDeps): Pick<CaseActivities, 'linkChildIdentity'> {
  return {
    async linkChildIdentity({ caseId, child }) {
      const keys = identityKeys(child, settings.caseKeySecret);
      // A key that already points at another case stays there: merging cases is a person's decision.
      await prisma.caseAlias.createMany({
        data: keys.map((key) => ({ keyHash: key.hash, kind: key.kind, caseId })),
        skipDuplicates: true,
      });
    },
  };
}
