import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { UsersModule } from '../users/users.module';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

@Module({ imports: [AreasModule, UsersModule], controllers: [StaffController], providers: [StaffService] })
export class StaffModule {}
