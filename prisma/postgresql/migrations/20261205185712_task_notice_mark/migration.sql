-- CreateTable
CREATE TABLE "TaskNoticeMark" (
    "id" TEXT NOT NULL,
    "sinceDate" TIMESTAMP(3) NOT NULL,
    "sinceKey" TEXT NOT NULL,
    "creationDate" TIMESTAMP(3) NOT NULL,
    "userTaskKey" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TaskNoticeMark_pkey" PRIMARY KEY ("id")
);

