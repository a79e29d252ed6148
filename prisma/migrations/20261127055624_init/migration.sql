-- CreateTable
CREATE TABLE "Unit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "email" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "role" TEXT NOT NULL,
    "unitId" INTEGER,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" DATETIME,
    "lastLoginAt" DATETIME,
    "passwordChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" INTEGER NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Position" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "duty" TEXT,
    "unitId" INTEGER NOT NULL,
    "holderId" INTEGER,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Position_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Position_holderId_fkey" FOREIGN KEY ("holderId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlanTask" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT
);

-- CreateTable
CREATE TABLE "PlanTaskUnit" (
    "planTaskId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "isLead" BOOLEAN NOT NULL DEFAULT false,

    PRIMARY KEY ("planTaskId", "unitId"),
    CONSTRAINT "PlanTaskUnit_planTaskId_fkey" FOREIGN KEY ("planTaskId") REFERENCES "PlanTask" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PlanTaskUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "comparator" TEXT NOT NULL,
    "target" REAL NOT NULL,
    "source" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "IndicatorOwner" (
    "indicatorId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "target" REAL,

    PRIMARY KEY ("indicatorId", "unitId"),
    CONSTRAINT "IndicatorOwner_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IndicatorOwner_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Enterprise" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "creditCode" TEXT,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "address" TEXT,
    "industry" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "EnterpriseCase" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "enterpriseId" INTEGER NOT NULL,
    "externalCaseNumber" TEXT,
    "handlingUnitId" INTEGER NOT NULL,
    "disputePoint" TEXT NOT NULL,
    "meetingReason" TEXT NOT NULL,
    "reasonDetail" TEXT,
    "urgency" TEXT NOT NULL DEFAULT 'normal',
    "status" TEXT NOT NULL DEFAULT 'registered',
    "declineReason" TEXT,
    "resolvedAt" DATETIME,
    "processInstanceKey" TEXT,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "EnterpriseCase_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "EnterpriseCase_handlingUnitId_fkey" FOREIGN KEY ("handlingUnitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseUnit" (
    "caseId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,

    PRIMARY KEY ("caseId", "unitId"),
    CONSTRAINT "CaseUnit_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnterpriseCase" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CoordinationMeeting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "scheduledAt" DATETIME,
    "place" TEXT,
    "chair" TEXT,
    "attendees" JSONB,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "rescheduleCount" INTEGER NOT NULL DEFAULT 0,
    "invitationsSentAt" DATETIME,
    "minutes" TEXT,
    "minutesById" INTEGER,
    "minutesAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CoordinationMeeting_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnterpriseCase" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseOpinion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "content" TEXT,
    "dueAt" DATETIME,
    "submittedById" INTEGER,
    "submittedAt" DATETIME,
    "remindedAt" DATETIME,
    CONSTRAINT "CaseOpinion_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "EnterpriseCase" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CaseOpinion_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "CoordinationMeeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CaseOpinion_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgreedItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "meetingId" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "responsibleUnitId" INTEGER NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "ledgerItemId" INTEGER,
    CONSTRAINT "AgreedItem_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "CoordinationMeeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AgreedItem_responsibleUnitId_fkey" FOREIGN KEY ("responsibleUnitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "AgreedItem_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Petition" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "petitionerKind" TEXT NOT NULL,
    "petitionerName" TEXT NOT NULL,
    "enterpriseId" INTEGER,
    "contact" TEXT,
    "subject" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "relatedCase" TEXT,
    "receivingUnitId" INTEGER NOT NULL,
    "handlingUnitId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'registered',
    "complexity" TEXT,
    "registeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acceptedAt" DATETIME,
    "acceptanceNoticeDue" DATETIME,
    "proceduralReplyDue" DATETIME,
    "handlingDue" DATETIME,
    "extendedDue" DATETIME,
    "extensionReason" TEXT,
    "extensionApprovedById" INTEGER,
    "consentGiven" BOOLEAN,
    "consentRecordedAt" DATETIME,
    "consentAttachmentId" INTEGER,
    "closedAt" DATETIME,
    "ledgerItemId" INTEGER,
    "processInstanceKey" TEXT,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Petition_enterpriseId_fkey" FOREIGN KEY ("enterpriseId") REFERENCES "Enterprise" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Petition_receivingUnitId_fkey" FOREIGN KEY ("receivingUnitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Petition_handlingUnitId_fkey" FOREIGN KEY ("handlingUnitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Petition_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PetitionNotice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "petitionId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issuedById" INTEGER,
    CONSTRAINT "PetitionNotice_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PetitionReply" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "petitionId" INTEGER NOT NULL,
    "stance" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "reviewRoute" TEXT NOT NULL,
    "draftedById" INTEGER,
    "signedById" INTEGER,
    "signedAt" DATETIME,
    "deliveredAt" DATETIME,
    "publishedText" TEXT,
    CONSTRAINT "PetitionReply_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PublicReplySession" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "petitionId" INTEGER NOT NULL,
    "scheduledAt" DATETIME NOT NULL,
    "venue" TEXT NOT NULL,
    "invitees" JSONB NOT NULL,
    "isOpen" BOOLEAN NOT NULL DEFAULT false,
    "participantsNotifiedAt" DATETIME,
    "publicNoticeAt" DATETIME,
    "heldAt" DATETIME,
    "record" TEXT,
    CONSTRAINT "PublicReplySession_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SatisfactionRating" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "petitionId" INTEGER NOT NULL,
    "visitedAt" DATETIME NOT NULL,
    "rating" TEXT NOT NULL,
    "comment" TEXT,
    "reviewRouteTold" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "SatisfactionRating_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WeeklyReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "isoWeek" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "author" TEXT,
    "problems" TEXT,
    "coordinationRequests" TEXT,
    "nextWeekPlan" TEXT,
    "dueAt" DATETIME,
    "submittedAt" DATETIME,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "returnReason" TEXT,
    "signedOffById" INTEGER,
    "signedOffAt" DATETIME,
    "reminderCount" INTEGER NOT NULL DEFAULT 0,
    "processInstanceKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WeeklyReport_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WeeklyReportTaskProgress" (
    "reportId" INTEGER NOT NULL,
    "planTaskId" INTEGER NOT NULL,
    "progress" TEXT NOT NULL,

    PRIMARY KEY ("reportId", "planTaskId"),
    CONSTRAINT "WeeklyReportTaskProgress_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "WeeklyReport" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WeeklyReportTaskProgress_planTaskId_fkey" FOREIGN KEY ("planTaskId") REFERENCES "PlanTask" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WeeklyReportFigure" (
    "reportId" INTEGER NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "value" REAL NOT NULL,
    "note" TEXT,

    PRIMARY KEY ("reportId", "indicatorId"),
    CONSTRAINT "WeeklyReportFigure_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "WeeklyReport" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WeeklyReportFigure_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WeeklySummary" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "isoWeek" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "editedText" TEXT,
    "reviewedById" INTEGER,
    "reviewedAt" DATETIME,
    "forwardedAt" DATETIME,
    "outboxMessageId" INTEGER,
    "meetingMinutes" TEXT,
    "processInstanceKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "LedgerItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "originKey" TEXT,
    "source" TEXT NOT NULL,
    "sourceRef" TEXT,
    "problem" TEXT NOT NULL,
    "category" TEXT,
    "measures" TEXT,
    "leadUnitId" INTEGER NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "originalDueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "color" TEXT NOT NULL DEFAULT 'none',
    "round" INTEGER NOT NULL DEFAULT 1,
    "noticeIssuedAt" DATETIME,
    "noticeText" TEXT,
    "acknowledgedAt" DATETIME,
    "acknowledgedById" INTEGER,
    "closedAt" DATETIME,
    "processInstanceKey" TEXT,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LedgerItem_leadUnitId_fkey" FOREIGN KEY ("leadUnitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LedgerItemUnit" (
    "ledgerItemId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,

    PRIMARY KEY ("ledgerItemId", "unitId"),
    CONSTRAINT "LedgerItemUnit_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LedgerItemUnit_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LedgerProgressNote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ledgerItemId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "authorId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LedgerProgressNote_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LedgerReminder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ledgerItemId" INTEGER NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "color" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outboxMessageId" INTEGER,
    "note" TEXT,
    CONSTRAINT "LedgerReminder_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LedgerExtension" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ledgerItemId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedDueAt" DATETIME NOT NULL,
    "requestedById" INTEGER,
    "requestedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decision" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" INTEGER,
    "decidedAt" DATETIME,
    "decisionNote" TEXT,
    CONSTRAINT "LedgerExtension_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LedgerVerification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ledgerItemId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "note" TEXT,
    "newDueAt" DATETIME,
    "verifiedById" INTEGER,
    "verifiedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LedgerVerification_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" INTEGER NOT NULL,
    "fileName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "ledgerItemId" INTEGER,
    "petitionId" INTEGER,
    "uploadedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Attachment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Attachment_ledgerItemId_fkey" FOREIGN KEY ("ledgerItemId") REFERENCES "LedgerItem" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Attachment_petitionId_fkey" FOREIGN KEY ("petitionId") REFERENCES "Petition" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "idempotencyKey" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "recipients" JSONB NOT NULL,
    "subject" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "unitId" INTEGER,
    "relatedType" TEXT,
    "relatedId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "messageId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CalendarYear" (
    "year" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "provisional" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" TEXT NOT NULL PRIMARY KEY,
    "year" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "CalendarDay_year_fkey" FOREIGN KEY ("year") REFERENCES "CalendarYear" ("year") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeadlineRule" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "excludeStartDay" BOOLEAN NOT NULL DEFAULT true,
    "rollForwardOnHoliday" BOOLEAN NOT NULL DEFAULT true,
    "basis" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "actorLabel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "unitId" INTEGER,
    "before" JSONB,
    "after" JSONB,
    CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
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


-- The audit log is append-only.
CREATE TRIGGER "AuditLog_no_update" BEFORE UPDATE ON "AuditLog"
BEGIN SELECT RAISE(ABORT, 'AuditLog is append-only'); END;
CREATE TRIGGER "AuditLog_no_delete" BEFORE DELETE ON "AuditLog"
BEGIN SELECT RAISE(ABORT, 'AuditLog is append-only'); END;
