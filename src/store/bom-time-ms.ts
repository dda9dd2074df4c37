/** Where the store layer reads BOM times (the rule lives in validation/, where the MLflow sink sees it too). */
export { bomTimeMs } from '../validation/bom-time-ms';
