import { Foundation1763769600000 } from './1763769600000-foundation';
import { PointsLedger1763856000000 } from './1763856000000-points-ledger';
import { OrganizationsActivities1764115200000 } from './1764115200000-organizations-activities';
import { Stations1763942400000 } from './1763942400000-stations';
import { ReportsMedia1764028800000 } from './1764028800000-reports-media';
import { ReportMediaForeignKeys1764201600000 } from './1764201600000-report-media-foreign-keys';
import { CheckInPointsAwarded1764288000000 } from './1764288000000-check-in-points-awarded';
import { UserTokenVersion1764374400000 } from './1764374400000-user-token-version';
import { ClosedLoop1764460800000 } from './1764460800000-closed-loop';
import { Open311TemplatesFigures1764547200000 } from './1764547200000-open311-templates-figures';
import { VolunteerHours1764633600000 } from './1764633600000-volunteer-hours';
import { Statements1764806400000 } from './1764806400000-statements';
import { StationConfirmations1764720000000 } from './1764720000000-station-confirmations';
import { ReportQueueDue1765152000000 } from './1765152000000-report-queue-due';

/** In order; never edit a migration that has shipped, add a new one. */
export const MIGRATIONS = [
  Foundation1763769600000,
  PointsLedger1763856000000,
  OrganizationsActivities1764115200000,
  Stations1763942400000,
  ReportsMedia1764028800000,
  ReportMediaForeignKeys1764201600000,
  CheckInPointsAwarded1764288000000,
  UserTokenVersion1764374400000,
  ClosedLoop1764460800000,
  Open311TemplatesFigures1764547200000,
  VolunteerHours1764633600000,
  Statements1764806400000,
  StationConfirmations1764720000000,
  ReportQueueDue1765152000000,
];
