import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PointsModule } from '../points/points.module';
import { UsersModule } from '../users/users.module';
import { ActivitiesController } from './activities.controller';
import { ActivitiesRepository } from './activities.repository';
import { ActivitiesService } from './activities.service';
import { AttendanceController } from './attendance.controller';
import { AttendanceService } from './attendance.service';
import { CheckInsService } from './check-ins.service';
import { RegisterService } from './register.service';
import { CheckInReviewService } from './check-in-review.service';
import { HoursController } from './hours.controller';
import { HoursRepository } from './hours.repository';
import { HoursService } from './hours.service';
import { MeetingsService } from './meetings.service';
import { ProxySuspicionService } from './proxy-suspicion.service';
import { QrSightings } from './qr-sightings';
import { VolunteerPoints } from './volunteer-points';

declare module '../../common/auth/scope-registry' {
  interface ScopedResources {
    activity: undefined;
    check_in: undefined;
  }
}

/** Activities, check-ins with proxy suspicion, volunteer hours and points, and what members attended: register, absentees, 三会一课. */
@Module({
  imports: [OrganizationsModule, AreasModule, UsersModule, PointsModule],
  controllers: [ActivitiesController, HoursController, AttendanceController],
  providers: [
    ActivitiesRepository,
    HoursRepository,
    ActivitiesService,
    CheckInsService,
    AttendanceService,
    RegisterService,
    HoursService,
    CheckInReviewService,
    MeetingsService,
    ProxySuspicionService,
    QrSightings,
    VolunteerPoints,
  ],
})
export class ActivitiesModule {}
