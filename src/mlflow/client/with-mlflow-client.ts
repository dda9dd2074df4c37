/** Lets the MLflow helpers share a caller's client or make (and close) their own. */
import { InvalidArgumentError } from '../../errors';
import { MlflowClient } from './mlflow-client';
import type { MlflowClientOptions } from './mlflow-config';

/** Which MLflow client a helper uses: the caller's `client`, or one made from `clientOptions` and the environment. */
export interface MlflowClientChoice {
  /** A client to use; the helper does not close it. */
  readonly client?: MlflowClient;
  /** Options of the client the helper creates (and closes) when `client` is absent; default: the environment. */
  readonly clientOptions?: MlflowClientOptions;
}

/**
 * Runs `use` with the caller's client, or with a new one that is closed afterwards.
 * @throws InvalidArgumentError when both `client` and `clientOptions` are given.
 */
export async function withMlflowClient<T>(choice: MlflowClientChoice, use: (client: MlflowClient) => Promise<T>): Promise<T> {
  if (choice.client !== undefined) {
    if (choice.clientOptions !== undefined) throw new InvalidArgumentError('clientOptions', 'pass either client or clientOptions, not both');
    return use(choice.client);
  }
  const client = new MlflowClient(choice.clientOptions);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}
