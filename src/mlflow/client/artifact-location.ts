/**
 * Where a run's artifacts live on a tracking server that proxies artifacts (`mlflow server` serves them by
 * default). MLflow's `MlflowArtifactsRepository.resolve_uri` maps `mlflow-artifacts:/<path>` to
 * `<tracking server>/api/2.0/mlflow-artifacts/artifacts/<path>`; for a run, `<path>` is
 * `<experiment_id>/<run_id>/artifacts`.
 */
import { InvalidArgumentError } from '../../errors';

/** Path prefix of MLflow's artifact proxy. */
export const ARTIFACTS_API = '/api/2.0/mlflow-artifacts/artifacts';

/**
 * The artifact root of a run as a path below {@link ARTIFACTS_API}, e.g. `1/<run_id>/artifacts`.
 * @throws InvalidArgumentError when the run's artifacts are not served by the tracking server (its message redacted, as every error's).
 */
export function proxiedArtifactRoot(artifactUri: string): string {
  const match = /^mlflow-artifacts:(?:\/\/[^/]*)?(\/.*)?$/.exec(artifactUri);
  if (match === null) {
    throw new InvalidArgumentError(
      'artifactUri',
      `the run's artifacts are at '${artifactUri}', which this client cannot reach: only runs whose ` +
        'artifact root is mlflow-artifacts:/ (an MLflow server with --serve-artifacts, the default) are supported',
    );
  }
  return (match[1] ?? '/').replace(/\/+/g, '/').replace(/^\/|\/$/g, '');
}

/**
 * Checks a run-relative artifact path (`dir/file.json`) and returns it normalised, without leading or
 * trailing slashes. @throws InvalidArgumentError on absolute paths, `..`, `.` or empty segments.
 */
export function checkArtifactPath(path: string, allowRoot: boolean): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '' && allowRoot) return '';
  const segments = trimmed.split('/');
  const bad = segments.find((s) => s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0'));
  if (trimmed === '' || bad !== undefined) {
    throw new InvalidArgumentError('artifactPath', `'${path}' is not a relative artifact path like 'dir/file.json'`);
  }
  return trimmed;
}

/** Percent-encodes each segment of a slash-separated path. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
