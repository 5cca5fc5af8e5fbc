import { InitialSchema1732300000000 } from './1732300000000-initial-schema.js';
import { DepartmentWorkflow1732400000000 } from './1732400000000-department-workflow.js';
import { NotificationsAndReports1732500000000 } from './1732500000000-notifications-and-reports.js';
import { NotificationClaim1732500000001 } from './1732500000001-notification-claim.js';
import { Settings1732600000000 } from './1732600000000-settings.js';
import { ReportDepartmentIndex1732800000000 } from './1732800000000-report-department-index.js';
import { PendingJobs1732700000000 } from './1732700000000-pending-jobs.js';
import { LoginFailures1732900000000 } from './1732900000000-login-failures.js';
import { PlanRevisions1733000000000 } from './1733000000000-plan-revisions.js';
import { Hardening1733000000001 } from './1733000000001-hardening.js';
import { OfficeDecisions1733100000000 } from './1733100000000-office-decisions.js';
import { ReportReview1733100000001 } from './1733100000001-report-review.js';
import { OfficialDocuments1733200000000 } from './1733200000000-official-documents.js';
import { NotificationChannels1733400000000 } from './1733400000000-notification-channels.js';

/** Every migration, oldest first. Listed by hand: no globs, so the build output is all that is needed. */
export const MIGRATIONS = [InitialSchema1732300000000, DepartmentWorkflow1732400000000, NotificationsAndReports1732500000000, NotificationClaim1732500000001, Settings1732600000000, PendingJobs1732700000000, ReportDepartmentIndex1732800000000, LoginFailures1732900000000, PlanRevisions1733000000000, Hardening1733000000001, OfficeDecisions1733100000000, ReportReview1733100000001, OfficialDocuments1733200000000, NotificationChannels1733400000000];
