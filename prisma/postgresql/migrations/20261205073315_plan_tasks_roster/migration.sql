-- AlterEnum
ALTER TYPE "UnitKind" ADD VALUE 'associate';

-- AlterTable
ALTER TABLE "Position" ADD COLUMN     "body" TEXT NOT NULL DEFAULT 'unit',
ADD COLUMN     "post" TEXT;

-- AlterTable
ALTER TABLE "PlanTask" ADD COLUMN     "area" TEXT,
ADD COLUMN     "responsible" TEXT;

-- AlterTable
ALTER TABLE "WeeklyReportTaskProgress" ADD COLUMN     "taskTitle" TEXT;


-- Reports written before this migration keep the wording of the task as it stands now.
UPDATE "WeeklyReportTaskProgress" SET "taskTitle" = (SELECT "title" FROM "PlanTask" WHERE "PlanTask"."id" = "WeeklyReportTaskProgress"."planTaskId");
