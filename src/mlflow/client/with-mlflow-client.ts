/**
 * The one way everything that talks to MLflow (the run sink, the BOM store, the BOM helpers) gets its
 * client: the caller's, which stays the caller's to close, or one it builds and closes itself.
 */
import { InvalidArgumentError } from '../../errors';
import { MlflowClient } from './mlflow-client';
import type { MlflowClientOptions } from './mlflow-config';

/** Which MLflow client to use: the caller's `client` (never closed for the caller), or one made from `clientOptions` and the environment (closed when done). */
export interface MlflowClientChoice {
  /** A client to use; whoever receives it leaves it open: it is yours to close. */
  readonly client?: MlflowClient;
  /** Options of the client built (and closed) when `client` is absent; default: MLflow's environment variables. */
  readonly clientOptions?: MlflowClientOptions;
}

/**
 * The client a choice names, and whether the receiver built it (and so must close it).
 * @throws InvalidArgumentError when both `client` and `clientOptions` are given.
 */
export function openMlflowClient(choice: MlflowClientChoice): { readonly client: MlflowClient; readonly owned: boolean } {
  if (choice.client === undefined) return { client: new MlflowClient(choice.clientOptions), owned: true };
  if (choice.clientOptions !== undefined) throw new InvalidArgumentError('clientOptions', 'pass either client or clientOptions, not both');
  return { client: choice.client, owned: false };
}

/**
 * Runs `use` with the caller's client, or with a new one that is closed afterwards.
 * @throws InvalidArgumentError when both `client` and `clientOptions` are given.
 */
export async function withMlflowClient<T>(choice: MlflowClientChoice, use: (client: MlflowClient) => Promise<T>): Promise<T> {
  const { client, owned } = openMlflowClient(choice);
  try {
    return await use(client);
  } finally {
    if (owned) await client.close();
  }
}
