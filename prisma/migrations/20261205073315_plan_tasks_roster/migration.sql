-- AlterTable
ALTER TABLE "PlanTask" ADD COLUMN "area" TEXT;
ALTER TABLE "PlanTask" ADD COLUMN "responsible" TEXT;

-- AlterTable
ALTER TABLE "WeeklyReportTaskProgress" ADD COLUMN "taskTitle" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Position" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT 'unit',
    "post" TEXT,
    "duty" TEXT,
    "unitId" INTEGER NOT NULL,
    "holderId" INTEGER,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Position_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Position_holderId_fkey" FOREIGN KEY ("holderId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Position" ("code", "duty", "holderId", "id", "sortOrder", "title", "unitId") SELECT "code", "duty", "holderId", "id", "sortOrder", "title", "unitId" FROM "Position";
DROP TABLE "Position";
ALTER TABLE "new_Position" RENAME TO "Position";
CREATE UNIQUE INDEX "Position_code_key" ON "Position"("code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Reports written before this migration keep the wording of the task as it stands now.
UPDATE "WeeklyReportTaskProgress" SET "taskTitle" = (SELECT "title" FROM "PlanTask" WHERE "PlanTask"."id" = "WeeklyReportTaskProgress"."planTaskId");
