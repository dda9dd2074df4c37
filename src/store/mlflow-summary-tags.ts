/** Where the store layer reads the summary tags (they live in mlflow/bom/, where the sink writes them too). */
export { SUMMARY_TAGS } from '../mlflow/bom/summary-tags';
