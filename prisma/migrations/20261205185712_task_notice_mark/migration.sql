-- CreateTable
CREATE TABLE "TaskNoticeMark" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sinceDate" DATETIME NOT NULL,
    "sinceKey" TEXT NOT NULL,
    "creationDate" DATETIME NOT NULL,
    "userTaskKey" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

