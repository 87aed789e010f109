import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Visibility fields for listing cases in Temporal. Never personal data: these are stored unencrypted. */
export const CASE_STAGE = defineSearchAttributeKey('CaseStage', SearchAttributeType.KEYWORD);
export const CASE_KECAMATAN = defineSearchAttributeKey('CaseKecamatan', SearchAttributeType.KEYWORD);
export const CASE_CATEGORY = defineSearchAttributeKey('CaseCategory', SearchAttributeType.KEYWORD);
export const CASE_OVERDUE = defineSearchAttributeKey('CaseOverdue', SearchAttributeType.BOOL);
export const CASE_NEXT_DEADLINE = defineSearchAttributeKey('CaseNextDeadline', SearchAttributeType.DATETIME);

export const CASE_SEARCH_ATTRIBUTES = [CASE_STAGE, CASE_KECAMATAN, CASE_CATEGORY, CASE_OVERDUE, CASE_NEXT_DEADLINE];
