import { Activity } from '../modules/activities/activity.entity';
import { CheckIn } from '../modules/activities/check-in.entity';
import { Area } from '../modules/areas/area.entity';
import { Media } from '../modules/media/media.entity';
import { ReportCategory } from '../modules/reports/categories/report-category.entity';
import { Department } from '../modules/reports/departments/department.entity';
import { Message } from '../modules/reports/messages/message.entity';
import { SubscribeConsent } from '../modules/reports/messages/subscribe-consent.entity';
import { ReportRollup, ReportRollupDirty } from '../modules/reports/dashboard/report-rollup.entity';
import { ReportEvent } from '../modules/reports/report-event.entity';
import { ReportWitness } from '../modules/reports/report-witness.entity';
import { Report } from '../modules/reports/report.entity';
import { Open311Client } from '../modules/open311/open311-client.entity';
import { ReportTemplate } from '../modules/reports/templates/report-template.entity';
import { Membership } from '../modules/organizations/membership.entity';
import { Organization } from '../modules/organizations/organization.entity';
import { PointsEntry } from '../modules/points/points-entry.entity';
import { StationFeedback } from '../modules/stations/station-feedback.entity';
import { Station } from '../modules/stations/station.entity';
import { Statement, StatementLineRow } from '../modules/statements/statement.entity';
import { StationConfirmation } from '../modules/stations/station-confirmation.entity';
import { StationFavorite } from '../modules/stations/station-favorite.entity';
import { StationServiceSession, StationServiceSignup } from '../modules/stations/station-service-session.entity';
import { StaffScope } from '../modules/users/staff-scope.entity';
import { User } from '../modules/users/user.entity';

export const ENTITIES = [
  Area,
  User,
  StaffScope,
  PointsEntry,
  Organization,
  Membership,
  Activity,
  CheckIn,
  Station,
  StationFeedback,
  Media,
  ReportCategory,
  Department,
  Report,
  ReportEvent,
  ReportWitness,
  Message,
  SubscribeConsent,
  Open311Client,
  ReportTemplate,
  Statement,
  StatementLineRow,
  StationConfirmation,
  ReportRollup,
  ReportRollupDirty,
  StationFavorite,
  StationServiceSession,
  StationServiceSignup,
];
