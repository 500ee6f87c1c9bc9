import { currentCampaign, HubError, type DistributionLevel, type SharingViewer } from '@hub/domain';
import type { Principal } from '../auth/principal.js';

/** The caller as the sharing rules see it (libs/domain sharing/visibility.ts); staff read no campaign data (403). */
export function sharingViewerOf(principal: Principal): SharingViewer {
  switch (principal.kind) {
    case 'unit':
      return { kind: 'unit', department: principal.department, region: principal.region };
    case 'line':
      return { kind: 'line', department: principal.department };
    case 'region':
      return { kind: 'region', region: principal.region };
    case 'coordinator':
      return { kind: 'coordinator' };
    case 'auditor':
      return { kind: 'auditor' };
    case 'staff':
      throw new HubError('FORBIDDEN', 'your roles give no access to campaign data');
  }
}

/** The level a record that names none is shared at: the current campaign file's `sharing.defaultDistribution`. */
export const defaultLevel = (): DistributionLevel => currentCampaign().sharing?.defaultDistribution ?? 'joint';
