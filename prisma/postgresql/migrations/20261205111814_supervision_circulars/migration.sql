-- CreateTable
CREATE TABLE "SupervisionCircular" (
    "id" SERIAL NOT NULL,
    "period" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "generatedAt" TIMESTAMP(3) NOT NULL,
    "generatedById" INTEGER,
    "figures" JSONB NOT NULL,
    "fileName" TEXT NOT NULL,
    "document" BYTEA NOT NULL,
    "documentSha256" TEXT NOT NULL,
    "leadersMailId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupervisionCircular_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionCircularRecipient" (
    "circularId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "outboxMessageId" INTEGER,

    CONSTRAINT "SupervisionCircularRecipient_pkey" PRIMARY KEY ("circularId","unitId")
);

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionCircular_period_key" ON "SupervisionCircular"("period");

-- CreateIndex
CREATE INDEX "SupervisionCircularRecipient_unitId_idx" ON "SupervisionCircularRecipient"("unitId");

-- AddForeignKey
ALTER TABLE "SupervisionCircularRecipient" ADD CONSTRAINT "SupervisionCircularRecipient_circularId_fkey" FOREIGN KEY ("circularId") REFERENCES "SupervisionCircular"("id") ON DELETE CASCADE ON UPDATE CASCADE;

