// Every message form the web offers (spec.ts says what one is).
import { meetingReschedule } from '../cases/meeting-reschedule';
import { petitionExtensionRequest } from '../petitions/extension-request';
import type { MessageFormSpec } from './spec';

export const messageForms: readonly MessageFormSpec[] = [meetingReschedule, petitionExtensionRequest];
