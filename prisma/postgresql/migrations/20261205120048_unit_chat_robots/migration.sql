-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "channel" TEXT NOT NULL DEFAULT 'mail';

-- CreateTable
CREATE TABLE "UnitChatRobot" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "platform" TEXT NOT NULL,
    "webhookUrl" TEXT NOT NULL,
    "secret" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UnitChatRobot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "UnitChatRobot_unitId_key" ON "UnitChatRobot"("unitId");

-- AddForeignKey
ALTER TABLE "UnitChatRobot" ADD CONSTRAINT "UnitChatRobot_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

