import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { MediaModule } from '../media/media.module';
import { PointsModule } from '../points/points.module';
import { UsersModule } from '../users/users.module';
import { WechatModule } from '../wechat/wechat.module';
import { ReportCategoriesController } from './categories/report-categories.controller';
import { ReportCategoriesRepository } from './categories/report-categories.repository';
import { ReportCategoriesService } from './categories/report-categories.service';
import { ReportDashboardController } from './dashboard/report-dashboard.controller';
import { ReportDashboardRepository } from './dashboard/report-dashboard.repository';
import { ReportDashboardService } from './dashboard/report-dashboard.service';
import { DepartmentsController } from './departments/departments.controller';
import { DepartmentsRepository } from './departments/departments.repository';
import { DepartmentsService } from './departments/departments.service';
import { MessagesController } from './messages/messages.controller';
import { MessagesRepository } from './messages/messages.repository';
import { MessagesService } from './messages/messages.service';
import { ReportClock } from './report-clock';
import { ReportDepartmentService } from './report-department.service';
import { ReportEscalationService } from './report-escalation.service';
import { ReportLoopController } from './report-loop.controller';
import { ReportReporterService } from './report-reporter.service';
import { ReportTextCheck } from './report-text-check';
import { ReportVerificationService } from './report-verification.service';
import { ReportQueriesService } from './report-queries.service';
import { ReportReviewService } from './report-review.service';
import { ReportRoutingRepository } from './report-routing.repository';
import type { Report } from './report.entity';
import { ReportSubmissionService } from './report-submission.service';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';

declare module '../../common/auth/scope-registry' {
  interface ScopedResources {
    /** The whole row, so a review action reads it once per request. */
    report: Report;
  }
}

@Module({
  imports: [AreasModule, MediaModule, PointsModule, UsersModule, WechatModule],
  // The export route is declared before /reports/:id so Fastify's router sees the static path as its own.
  controllers: [ReportDashboardController, ReportsController, ReportLoopController, ReportCategoriesController, DepartmentsController, MessagesController],
  providers: [
    ReportClock,
    ReportsRepository,
    ReportRoutingRepository,
    ReportQueriesService,
    ReportSubmissionService,
    ReportReviewService,
    ReportDepartmentService,
    ReportVerificationService,
    ReportReporterService,
    ReportTextCheck,
    ReportEscalationService,
    ReportCategoriesRepository,
    ReportCategoriesService,
    DepartmentsRepository,
    DepartmentsService,
    MessagesRepository,
    MessagesService,
    ReportDashboardService,
    ReportDashboardRepository,
  ],
  exports: [ReportSubmissionService],
})
export class ReportsModule {}
