/** The check pipeline: the one place findings are computed (CLI, language server, preview). */
export { configForFile, parseForCheck, repoFindings, textFindings, type CheckEnv } from './checkDocument';
export { checkSeries, seriesFindingsByFile, type CheckFile } from './checkSeries';
export { capFindings, combineFindings, MAX_FINDINGS_PER_RULE, type FindingParts } from './findings';
export { documentProblemFindings, isUncheckable, parseFailures, PROBLEMS_REPORTED_BY } from './parseFindings';
export { CheckCancelled, IncrementalDocument, incrementalStats } from './incremental';
