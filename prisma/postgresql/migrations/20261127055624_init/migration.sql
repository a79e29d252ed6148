-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('office', 'member', 'external');

-- CreateEnum
CREATE TYPE "IndicatorSource" AS ENUM ('process', 'report');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('registered', 'screening', 'declined', 'opinions', 'meeting_scheduled', 'following_up', 'resolved');

-- CreateEnum
CREATE TYPE "MeetingReason" AS ENUM ('public_reaction', 'inter_unit_dispute', 'escalated_complaint', 'other');

-- CreateEnum
CREATE TYPE "Urgency" AS ENUM ('normal', 'urgent', 'critical');

-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('planned', 'held', 'cancelled');

-- CreateEnum
CREATE TYPE "PetitionChannel" AS ENUM ('line_12309', 'line_110', 'line_12368', 'line_12348', 'letter', 'visit', 'online');

-- CreateEnum
CREATE TYPE "PetitionerKind" AS ENUM ('enterprise', 'person');

-- CreateEnum
CREATE TYPE "PetitionStatus" AS ENUM ('registered', 'not_accepted', 'forwarded', 'diverted_to_litigation', 'accepted', 'handling', 'public_reply_preparing', 'replied', 'closed');

-- CreateEnum
CREATE TYPE "PetitionComplexity" AS ENUM ('simple', 'complex');

-- CreateEnum
CREATE TYPE "PetitionNoticeKind" AS ENUM ('acceptance', 'non_acceptance', 'forward', 'procedural_reply', 'extension', 'review_route');

-- CreateEnum
CREATE TYPE "ReplyStance" AS ENUM ('support', 'explain', 'not_support');

-- CreateEnum
CREATE TYPE "Satisfaction" AS ENUM ('satisfied', 'basically_satisfied', 'unsatisfied');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('pending', 'draft', 'submitted', 'returned', 'signed_off');

-- CreateEnum
CREATE TYPE "LedgerSource" AS ENUM ('case_review', 'coordination_meeting', 'weekly_meeting', 'overdue_petition', 'complaint', 'supervision');

-- CreateEnum
CREATE TYPE "LedgerStatus" AS ENUM ('open', 'notified', 'acknowledged', 'rectifying', 'verifying', 'closed');

-- CreateEnum
CREATE TYPE "LedgerColor" AS ENUM ('none', 'blue', 'yellow', 'red');

-- CreateEnum
CREATE TYPE "ReminderKind" AS ENUM ('reminder', 'circular', 'accountability_talk');

-- CreateEnum
CREATE TYPE "ExtensionDecision" AS ENUM ('pending', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "VerificationMethod" AS ENUM ('documents', 'on_site', 'return_visit');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'sent', 'failed');

-- CreateEnum
CREATE TYPE "DayKind" AS ENUM ('holiday', 'workday');

-- CreateEnum
CREATE TYPE "DayCountKind" AS ENUM ('calendar', 'working');

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT NOT NULL,
    "kind" "UnitKind" NOT NULL,
    "email" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "role" TEXT NOT NULL,
    "unitId" INTEGER,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "lastLoginAt" TIMESTAMP(3),
    "passwordChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Position" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "duty" TEXT,
    "unitId" INTEGER NOT NULL,
    "holderId" INTEGER,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Position_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanTask" (
    "id" SERIAL NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,

    CONSTRAINT "PlanTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanTaskUnit" (
    "planTaskId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "isLead" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "PlanTaskUnit_pkey" PRIMARY KEY ("planTaskId","unitId")
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "comparator" TEXT NOT NULL,
    "target" DOUBLE PRECISION NOT NULL,
    "source" "IndicatorSource" NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorOwner" (
    "indicatorId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "target" DOUBLE PRECISION,

    CONSTRAINT "IndicatorOwner_pkey" PRIMARY KEY ("indicatorId","unitId")
);

-- CreateTable
CREATE TABLE "Enterprise" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "creditCode" TEXT,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "address" TEXT,
    "industry" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Enterprise_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnterpriseCase" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "externalCaseNumber" TEXT,
    "handlingUnitId" INTEGER NOT NULL,
    "disputePoint" TEXT NOT NULL,
    "meetingReason" "MeetingReason" NOT NULL,
    "reasonDetail" TEXT,
    "urgency" "Urgency" NOT NULL DEFAULT 'normal',
    "status" "CaseStatus" NOT NULL DEFAULT 'registered',
    "declineReason" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "processInstanceKey" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EnterpriseCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseUnit" (
    "caseId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,

    CONSTRAINT "CaseUnit_pkey" PRIMARY KEY ("caseId","unitId")
);

-- CreateTable
CREATE TABLE "CoordinationMeeting" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "scheduledAt" TIMESTAMP(3),
    "place" TEXT,
    "chair" TEXT,
    "attendees" JSONB,
    "status" "MeetingStatus" NOT NULL DEFAULT 'planned',
    "rescheduleCount" INTEGER NOT NULL DEFAULT 0,
    "invitationsSentAt" TIMESTAMP(3),
    "minutes" TEXT,
    "minutesById" INTEGER,
    "minutesAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CoordinationMeeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseOpinion" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "content" TEXT,
    "dueAt" TIMESTAMP(3),
    "submittedById" INTEGER,
    "submittedAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),

    CONSTRAINT "CaseOpinion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreedItem" (
    "id" SERIAL NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "responsibleUnitId" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "ledgerItemId" INTEGER,

    CONSTRAINT "AgreedItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Petition" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "channel" "PetitionChannel" NOT NULL,
    "petitionerKind" "PetitionerKind" NOT NULL,
    "petitionerName" TEXT NOT NULL,
    "enterpriseId" INTEGER,
    "contact" TEXT,
    "subject" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "relatedCase" TEXT,
    "receivingUnitId" INTEGER NOT NULL,
    "handlingUnitId" INTEGER NOT NULL,
    "status" "PetitionStatus" NOT NULL DEFAULT 'registered',
    "complexity" "PetitionComplexity",
    "registeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acceptedAt" TIMESTAMP(3),
    "acceptanceNoticeDue" TIMESTAMP(3),
    "proceduralReplyDue" TIMESTAMP(3),
    "handlingDue" TIMESTAMP(3),
    "extendedDue" TIMESTAMP(3),
    "extensionReason" TEXT,
    "extensionApprovedById" INTEGER,
    "consentGiven" BOOLEAN,
    "consentRecordedAt" TIMESTAMP(3),
    "consentAttachmentId" INTEGER,
    "closedAt" TIMESTAMP(3),
    "ledgerItemId" INTEGER,
    "processInstanceKey" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Petition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PetitionNotice" (
    "id" SERIAL NOT NULL,
    "petitionId" INTEGER NOT NULL,
    "kind" "PetitionNoticeKind" NOT NULL,
    "content" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issuedById" INTEGER,

    CONSTRAINT "PetitionNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PetitionReply" (
    "id" SERIAL NOT NULL,
    "petitionId" INTEGER NOT NULL,
    "stance" "ReplyStance" NOT NULL,
    "content" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "reviewRoute" TEXT NOT NULL,
    "draftedById" INTEGER,
    "signedById" INTEGER,
    "signedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "publishedText" TEXT,

    CONSTRAINT "PetitionReply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicReplySession" (
    "id" SERIAL NOT NULL,
    "petitionId" INTEGER NOT NULL,
    "scheduledAt" TIMESTAMP(3) NOT NULL,
    "venue" TEXT NOT NULL,
    "invitees" JSONB NOT NULL,
    "isOpen" BOOLEAN NOT NULL DEFAULT false,
    "participantsNotifiedAt" TIMESTAMP(3),
    "publicNoticeAt" TIMESTAMP(3),
    "heldAt" TIMESTAMP(3),
    "record" TEXT,

    CONSTRAINT "PublicReplySession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SatisfactionRating" (
    "id" SERIAL NOT NULL,
    "petitionId" INTEGER NOT NULL,
    "visitedAt" TIMESTAMP(3) NOT NULL,
    "rating" "Satisfaction" NOT NULL,
    "comment" TEXT,
    "reviewRouteTold" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "SatisfactionRating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WeeklyReport" (
    "id" SERIAL NOT NULL,
    "isoWeek" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'pending',
    "author" TEXT,
    "problems" TEXT,
    "coordinationRequests" TEXT,
    "nextWeekPlan" TEXT,
    "dueAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),
    "late" BOOLEAN NOT NULL DEFAULT false,
    "returnReason" TEXT,
    "signedOffById" INTEGER,
    "signedOffAt" TIMESTAMP(3),
    "reminderCount" INTEGER NOT NULL DEFAULT 0,
    "processInstanceKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WeeklyReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WeeklyReportTaskProgress" (
    "reportId" INTEGER NOT NULL,
    "planTaskId" INTEGER NOT NULL,
    "progress" TEXT NOT NULL,

    CONSTRAINT "WeeklyReportTaskProgress_pkey" PRIMARY KEY ("reportId","planTaskId")
);

-- CreateTable
CREATE TABLE "WeeklyReportFigure" (
    "reportId" INTEGER NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "note" TEXT,

    CONSTRAINT "WeeklyReportFigure_pkey" PRIMARY KEY ("reportId","indicatorId")
);

-- CreateTable
CREATE TABLE "WeeklySummary" (
    "id" SERIAL NOT NULL,
    "isoWeek" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "editedText" TEXT,
    "reviewedById" INTEGER,
    "reviewedAt" TIMESTAMP(3),
    "forwardedAt" TIMESTAMP(3),
    "outboxMessageId" INTEGER,
    "meetingMinutes" TEXT,
    "processInstanceKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WeeklySummary_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerItem" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "originKey" TEXT,
    "source" "LedgerSource" NOT NULL,
    "sourceRef" TEXT,
    "problem" TEXT NOT NULL,
    "category" TEXT,
    "measures" TEXT,
    "leadUnitId" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "originalDueAt" TIMESTAMP(3) NOT NULL,
    "status" "LedgerStatus" NOT NULL DEFAULT 'open',
    "color" "LedgerColor" NOT NULL DEFAULT 'none',
    "round" INTEGER NOT NULL DEFAULT 1,
    "noticeIssuedAt" TIMESTAMP(3),
    "noticeText" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" INTEGER,
    "closedAt" TIMESTAMP(3),
    "processInstanceKey" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LedgerItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerItemUnit" (
    "ledgerItemId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,

    CONSTRAINT "LedgerItemUnit_pkey" PRIMARY KEY ("ledgerItemId","unitId")
);

-- CreateTable
CREATE TABLE "LedgerProgressNote" (
    "id" SERIAL NOT NULL,
    "ledgerItemId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "authorId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerProgressNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerReminder" (
    "id" SERIAL NOT NULL,
    "ledgerItemId" INTEGER NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "color" "LedgerColor" NOT NULL,
    "kind" "ReminderKind" NOT NULL,
    "round" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outboxMessageId" INTEGER,
    "note" TEXT,

    CONSTRAINT "LedgerReminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerExtension" (
    "id" SERIAL NOT NULL,
    "ledgerItemId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedDueAt" TIMESTAMP(3) NOT NULL,
    "requestedById" INTEGER,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decision" "ExtensionDecision" NOT NULL DEFAULT 'pending',
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,

    CONSTRAINT "LedgerExtension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerVerification" (
    "id" SERIAL NOT NULL,
    "ledgerItemId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "method" "VerificationMethod" NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "note" TEXT,
    "newDueAt" TIMESTAMP(3),
    "verifiedById" INTEGER,
    "verifiedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerVerification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "ledgerItemId" INTEGER,
    "petitionId" INTEGER,
    "uploadedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "recipients" JSONB NOT NULL,
    "subject" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "unitId" INTEGER,
    "relatedType" TEXT,
    "relatedId" INTEGER,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "messageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarYear" (
    "year" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "provisional" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CalendarYear_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" "DayKind" NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "DeadlineRule" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "kind" "DayCountKind" NOT NULL,
    "excludeStartDay" BOOLEAN NOT NULL DEFAULT true,
    "rollForwardOnHoliday" BOOLEAN NOT NULL DEFAULT true,
    "basis" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeadlineRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "unitId" INTEGER,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "User_unitId_idx" ON "User"("unitId");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Position_code_key" ON "Position"("code");

-- CreateIndex
CREATE UNIQUE INDEX "PlanTask_number_key" ON "PlanTask"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Indicator_code_key" ON "Indicator"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Enterprise_name_key" ON "Enterprise"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Enterprise_creditCode_key" ON "Enterprise"("creditCode");

-- CreateIndex
CREATE UNIQUE INDEX "EnterpriseCase_number_key" ON "EnterpriseCase"("number");

-- CreateIndex
CREATE UNIQUE INDEX "EnterpriseCase_processInstanceKey_key" ON "EnterpriseCase"("processInstanceKey");

-- CreateIndex
CREATE INDEX "EnterpriseCase_handlingUnitId_idx" ON "EnterpriseCase"("handlingUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "CoordinationMeeting_caseId_sequence_key" ON "CoordinationMeeting"("caseId", "sequence");

-- CreateIndex
CREATE INDEX "CaseOpinion_unitId_idx" ON "CaseOpinion"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "CaseOpinion_meetingId_unitId_key" ON "CaseOpinion"("meetingId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "AgreedItem_ledgerItemId_key" ON "AgreedItem"("ledgerItemId");

-- CreateIndex
CREATE UNIQUE INDEX "AgreedItem_meetingId_sequence_key" ON "AgreedItem"("meetingId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "Petition_number_key" ON "Petition"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Petition_ledgerItemId_key" ON "Petition"("ledgerItemId");

-- CreateIndex
CREATE UNIQUE INDEX "Petition_processInstanceKey_key" ON "Petition"("processInstanceKey");

-- CreateIndex
CREATE INDEX "Petition_handlingUnitId_idx" ON "Petition"("handlingUnitId");

-- CreateIndex
CREATE INDEX "Petition_receivingUnitId_idx" ON "Petition"("receivingUnitId");

-- CreateIndex
CREATE UNIQUE INDEX "PetitionNotice_petitionId_kind_key" ON "PetitionNotice"("petitionId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "PetitionReply_petitionId_key" ON "PetitionReply"("petitionId");

-- CreateIndex
CREATE UNIQUE INDEX "PublicReplySession_petitionId_key" ON "PublicReplySession"("petitionId");

-- CreateIndex
CREATE UNIQUE INDEX "SatisfactionRating_petitionId_key" ON "SatisfactionRating"("petitionId");

-- CreateIndex
CREATE INDEX "WeeklyReport_isoWeek_idx" ON "WeeklyReport"("isoWeek");

-- CreateIndex
CREATE UNIQUE INDEX "WeeklyReport_unitId_isoWeek_key" ON "WeeklyReport"("unitId", "isoWeek");

-- CreateIndex
CREATE UNIQUE INDEX "WeeklySummary_isoWeek_key" ON "WeeklySummary"("isoWeek");

-- CreateIndex
CREATE UNIQUE INDEX "WeeklySummary_processInstanceKey_key" ON "WeeklySummary"("processInstanceKey");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerItem_number_key" ON "LedgerItem"("number");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerItem_originKey_key" ON "LedgerItem"("originKey");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerItem_processInstanceKey_key" ON "LedgerItem"("processInstanceKey");

-- CreateIndex
CREATE INDEX "LedgerItem_leadUnitId_idx" ON "LedgerItem"("leadUnitId");

-- CreateIndex
CREATE INDEX "LedgerItem_status_idx" ON "LedgerItem"("status");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerReminder_idempotencyKey_key" ON "LedgerReminder"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerVerification_ledgerItemId_round_key" ON "LedgerVerification"("ledgerItemId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_storageKey_key" ON "Attachment"("storageKey");

-- CreateIndex
CREATE INDEX "Attachment_unitId_idx" ON "Attachment"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_idempotencyKey_key" ON "OutboxMessage"("idempotencyKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "CalendarDay_year_idx" ON "CalendarDay"("year");

-- CreateIndex
CREATE UNIQUE INDEX "DeadlineRule_code_key" ON "DeadlineRule"("code");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_idx" ON "AuditLog"("entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Position" ADD CONSTRAINT "Position_holderId_fkey" FOREIGN KEY ("holderId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanTaskUnit" ADD CONSTRAINT "PlanTaskUnit_planTaskId_fkey" FOREIGN KEY ("planTaskId") REFERENCES "PlanTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanTaskUnit" ADD CONSTRAINT "PlanTaskUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorOwner" ADD CONSTRAINT "IndicatorOwner_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorOwner" ADD CONSTRAINT "IndicatorOwner_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnterpriseCase" ADD CONSTRAINT "EnterpriseCase_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnterpriseCase" ADD CONSTRAINT "EnterpriseCase_handlingUnitId_fkey" FOREIGN KEY ("handlingUnitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseUnit" ADD CONSTRAINT "CaseUnit_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnterpriseCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseUnit" ADD CONSTRAINT "CaseUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CoordinationMeeting" ADD CONSTRAINT "CoordinationMeeting_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnterpriseCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseOpinion" ADD CONSTRAINT "CaseOpinion_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnterpriseCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseOpinion" ADD CONSTRAINT "CaseOpinion_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "CoordinationMeeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseOpinion" ADD CONSTRAINT "CaseOpinion_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreedItem" ADD CONSTRAINT "AgreedItem_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "CoordinationMeeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreedItem" ADD CONSTRAINT "AgreedItem_responsibleUnitId_fkey" FOREIGN KEY ("responsibleUnitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreedItem" ADD CONSTRAINT "AgreedItem_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Petition" ADD CONSTRAINT "Petition_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Petition" ADD CONSTRAINT "Petition_receivingUnitId_fkey" FOREIGN KEY ("receivingUnitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Petition" ADD CONSTRAINT "Petition_handlingUnitId_fkey" FOREIGN KEY ("handlingUnitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Petition" ADD CONSTRAINT "Petition_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PetitionNotice" ADD CONSTRAINT "PetitionNotice_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PetitionReply" ADD CONSTRAINT "PetitionReply_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicReplySession" ADD CONSTRAINT "PublicReplySession_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SatisfactionRating" ADD CONSTRAINT "SatisfactionRating_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WeeklyReport" ADD CONSTRAINT "WeeklyReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WeeklyReportTaskProgress" ADD CONSTRAINT "WeeklyReportTaskProgress_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "WeeklyReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WeeklyReportTaskProgress" ADD CONSTRAINT "WeeklyReportTaskProgress_planTaskId_fkey" FOREIGN KEY ("planTaskId") REFERENCES "PlanTask"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WeeklyReportFigure" ADD CONSTRAINT "WeeklyReportFigure_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "WeeklyReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WeeklyReportFigure" ADD CONSTRAINT "WeeklyReportFigure_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerItem" ADD CONSTRAINT "LedgerItem_leadUnitId_fkey" FOREIGN KEY ("leadUnitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerItemUnit" ADD CONSTRAINT "LedgerItemUnit_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerItemUnit" ADD CONSTRAINT "LedgerItemUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerProgressNote" ADD CONSTRAINT "LedgerProgressNote_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerReminder" ADD CONSTRAINT "LedgerReminder_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerExtension" ADD CONSTRAINT "LedgerExtension_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerVerification" ADD CONSTRAINT "LedgerVerification_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarDay" ADD CONSTRAINT "CalendarDay_year_fkey" FOREIGN KEY ("year") REFERENCES "CalendarYear"("year") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- The audit log is append-only.
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'AuditLog is append-only'; END $$;
CREATE TRIGGER "AuditLog_append_only" BEFORE UPDATE OR DELETE ON "AuditLog"
FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
