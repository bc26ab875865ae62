/**
 * The read side: the caseload page, a case, Today and the chase list, each in its own module.
 * Each is a bounded, indexed query; statuses are worked out for the as-of date.
 */
export { listCaseload } from './caseload-queries';
export { getCaseDetail } from './case-detail';
export { todayList } from './today-queries';
export { chaseCounts, chaseList } from './chase-queries';
