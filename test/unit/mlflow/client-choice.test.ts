/**
 * One way to hand an MLflow client to the sink, the store and the BOM helpers: `client` (stays yours to
 * close) or `clientOptions` (a client built, and closed, by the receiver), never both.
 */
import { expect } from 'chai';
import {
  createTrainingBomFromMlflow, InvalidArgumentError, linkBomToModelVersion, MlflowBomStore, MlflowClient, MlflowConnectionError,
  MlflowRunSink, createTrainingBomFromModelVersion, type MlflowClientOptions,
} from '../../../src';
import { openMlflowClient } from '../../../src/mlflow/client/with-mlflow-client';
import { rejection } from '../../helpers/rejection';

// Port 1 is on fetch's list of blocked ports: every request fails at once, without touching the network.
const NOWHERE: MlflowClientOptions = { trackingUri: 'http://127.0.0.1:1', env: {}, maxRetries: 0 };

/** A real client that counts its `close()` calls. */
class CountingClient extends MlflowClient {
  closes = 0;

  override async close(): Promise<void> {
    this.closes += 1;
    await super.close();
  }
}

/** Each receiver of a client choice, used once and then released. */
const receivers: ReadonlyArray<[string, (choice: { client?: MlflowClient; clientOptions?: MlflowClientOptions }) => Promise<unknown>]> = [
  ['MlflowRunSink', async (choice) => new MlflowRunSink(choice).close()],
  ['MlflowBomStore', async (choice) => new MlflowBomStore(choice).close()],
  ['createTrainingBomFromMlflow', (choice) => createTrainingBomFromMlflow('run-1', choice)],
  ['linkBomToModelVersion', (choice) => linkBomToModelVersion('model', 1, 'bom-1', choice)],
  ['createTrainingBomFromModelVersion', (choice) => createTrainingBomFromModelVersion('model', 1, choice)],
];

describe('MLflow client choice (client or clientOptions)', () => {
  for (const [name, use] of receivers) {
    describe(name, () => {
      it('refuses client and clientOptions together', async () => {
        const client = new MlflowClient(NOWHERE);
        try {
          const error = await rejection(use({ client, clientOptions: NOWHERE }));
          expect(error).to.be.instanceOf(InvalidArgumentError).with.property('argument', 'clientOptions');
        } finally {
          await client.close();
        }
      });

      it('leaves a client it was given open', async () => {
        const client = new CountingClient(NOWHERE);
        const outcome = await use({ client }).then(() => undefined, (error: unknown) => error);
        if (outcome !== undefined) expect(outcome).to.be.instanceOf(MlflowConnectionError);
        expect(client.closes).to.equal(0);
        await client.close();
      });
    });
  }

  it('owns (and so must close) only a client it built', async () => {
    const given = new MlflowClient(NOWHERE);
    const built = openMlflowClient({ clientOptions: NOWHERE });
    expect(openMlflowClient({ client: given })).to.deep.equal({ client: given, owned: false });
    expect(built.owned).to.equal(true);
    expect(built.client).to.be.instanceOf(MlflowClient).and.not.equal(given);
    expect(built.client.trackingUri).to.equal('http://127.0.0.1:1');
    await Promise.all([given.close(), built.client.close()]);
  });
});
