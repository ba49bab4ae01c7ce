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

declare module '../../common/auth/scope-registry' {
  interface ScopedResources {
    activity: undefined;
    check_in: undefined;
  }
}

/** Activities, check-ins (with volunteer points) and what members attended: the register and absentees. */
@Module({
  imports: [OrganizationsModule, AreasModule, UsersModule, PointsModule],
  controllers: [ActivitiesController, AttendanceController],
  providers: [ActivitiesRepository, ActivitiesService, CheckInsService, AttendanceService, RegisterService],
})
export class ActivitiesModule {}
