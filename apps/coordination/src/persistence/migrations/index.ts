import { Coordination1733200000000 } from './1733200000000-coordination.js';
import { CoordinationReferralsBySender1733400000000 } from './1733400000000-referrals-by-sender.js';
import { CoordinationWatches1765000000000 } from './1765000000000-watches.js';
import { CoordinationClosedRecords1765100000000 } from './1765100000000-closed-records.js';
import { CoordinationOutboxPosition1765200000000 } from './1765200000000-outbox-position.js';
import { CoordinationJointHeads1765300000000 } from './1765300000000-joint-heads.js';
import { CoordinationOutboxPublishedUpTo1765600000000 } from './1765600000000-outbox-published-up-to.js';

/** In order. Add a class here for every new migration of the coordination schema. */
export const COORDINATION_MIGRATIONS = [Coordination1733200000000, CoordinationReferralsBySender1733400000000, CoordinationWatches1765000000000, CoordinationClosedRecords1765100000000, CoordinationOutboxPosition1765200000000, CoordinationJointHeads1765300000000, CoordinationOutboxPublishedUpTo1765600000000];
