import { basename } from 'node:path';
import { userInfo } from 'node:os';
import type { Clock } from '../../core/clock';
import type { JsonDict } from '../../core/json-types';
import type { SinkJournal } from '../../journal/sink-journal';
import type { TrainingBOM } from '../../models/training-bom';
import type { RunStartEvent } from '../../events/run-event';
import { isRecovered } from '../../tracker/recovery';
import { MlflowError } from '../../errors';
import { BOM_TAGS, MLFLOW_PARENT_RUN_TAG } from '../bom/conventions';
import type { MlflowClient } from '../client/mlflow-client';
import { tagEqualsFilter } from '../client/search-filter';
import { rankJournalState, type RankChoice } from './distributed';

/** Which MLflow run a sink writes to, as the sink's options say. */
export interface MlflowRunChoice {
  /** An existing run to attach to. */
  readonly runId?: string;
  /** Run name; default: the BOM id. */
  readonly runName?: string;
  /** Experiment of a new run; default: the client's, else `Default`. */
  readonly experimentName?: string;
  /** Extra tags of a new run. */
  readonly tags?: Readonly<Record<string, string>>;
  /** The parent of a new run (MLflow's `mlflow.parentRunId`), e.g. a sweep's. */
  readonly parentRunId?: string;
}

/**
 * The MLflow run a sink writes to, from creation to its end: created in the experiment (got or created)
 * with MLflow's source and user tags, or attached to `runId` / `MLFLOW_RUN_ID`, or, on resume, to the run
 * the journal recorded; its id is recorded in the journal once it exists; terminated FINISHED or FAILED.
 */
export class MlflowRunHandle {
  private created: string | undefined;
  private opening: Promise<string> | undefined;
  private resumed: string | undefined;
  private journal: SinkJournal | undefined;
  private recorded: string | undefined;
  private ended = false;
  /** Whether the journal held an earlier process's state (a resume or a recovery). */
  journalResumed = false;
  /** This process's rank when the run is distributed (set before the run opens). */
  rank: RankChoice | undefined;

  constructor(
    private readonly client: MlflowClient,
    private readonly choice: MlflowRunChoice,
    private readonly clock: Clock,
  ) {}

  /** The run id, once the run exists, or at once when attaching to a given or journaled run. */
  get id(): string | undefined {
    return this.created ?? this.attachTo();
  }

  /** Whether the run exists and the sink has it. */
  get exists(): boolean {
    return this.created !== undefined;
  }

  /** Whether the run was given its final status. */
  get terminated(): boolean {
    return this.ended;
  }

  /** Continues the run the journal recorded in an earlier process; else records there where the run goes (never credentials). */
  useJournal(journal: SinkJournal): void {
    this.journal = journal;
    this.journalResumed = journal.previous !== undefined;
    const saved = journal.previous?.state['run_id'];
    if (typeof saved === 'string') this.resumed = this.recorded = saved;
    else journal.saveState(this.journalState(undefined));
  }

  /** Creates or attaches to the run, once (again after a failure); resolves with its id. */
  ensure(start: RunStartEvent): Promise<string> {
    this.opening ??= this.openRun(start).catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening.then((id) => {
      this.created = id;
      if (this.journal !== undefined && this.recorded !== id) {
        this.recorded = id;
        this.journal.saveState(this.journalState(id));
      }
      return id;
    });
  }

  /**
   * Ends the run: FINISHED with the BOM's end time when finalized (FAILED for a recovered BOM, whose run
   * did not end normally); FAILED at the clock's time when closed without a BOM.
   */
  async terminate(start: RunStartEvent, bom: TrainingBOM | undefined): Promise<void> {
    const runId = await this.ensure(start);
    if (this.rank !== undefined && !this.rank.owner) {
      // A rank that does not own the run never ends it: it says it is done (or recovered) and leaves the end to the owner.
      await this.client.setTag(runId, `training_bom.rank.${this.rank.rank}.status`, this.journalResumed ? 'recovered' : 'done');
      this.ended = true;
      return;
    }
    const status = bom === undefined || isRecovered(bom) ? 'FAILED' : 'FINISHED';
    await this.client.updateRun(runId, { status, endTime: bom === undefined ? this.clock.now() : Date.parse(bom.endTime) });
    this.ended = true;
  }

  private attachTo(): string | undefined {
    return this.choice.runId ?? this.resumed ?? this.client.runId;
  }

  private async openRun(start: RunStartEvent): Promise<string> {
    const runName = this.choice.runName ?? start.id;
    const attached = this.attachTo();
    const joining = this.rank !== undefined && !this.rank.owner;
    if (attached !== undefined) {
      await this.client.getRun(attached);
      if (!joining) await this.client.updateRun(attached, { status: 'RUNNING', runName });
      return attached;
    }
    const experiment = await this.client.getOrCreateExperiment(this.choice.experimentName ?? this.client.experimentName ?? 'Default');
    if (joining) return this.findOwnersRun(experiment.experimentId, start.id, (this.rank as RankChoice).joinTimeoutMs);
    const run = await this.client.createRun({
      experimentId: experiment.experimentId,
      runName,
      startTime: start.startTimeMs,
      // The BOM id from the first moment: ranks that join the run look it up by it.
      tags: {
        'mlflow.source.name': basename(process.argv[1] ?? 'node'), 'mlflow.source.type': 'LOCAL', 'mlflow.user': safeUser(), [BOM_TAGS.bomId]: start.id,
        ...(this.choice.parentRunId === undefined ? {} : { [MLFLOW_PARENT_RUN_TAG]: this.choice.parentRunId }), ...this.choice.tags,
      },
    });
    return run.info.runId;
  }

  /** A joining rank's run: the one the owner created with this BOM id, waited for up to `timeoutMs`. */
  private async findOwnersRun(experimentId: string, id: string, timeoutMs: number): Promise<string> {
    const { filter, exact } = tagEqualsFilter(BOM_TAGS.bomId, id);
    const began = Date.now();
    const deadline = began + timeoutMs;
    for (let wait = 100, attempts = 1; ; wait = Math.min(wait * 2, 2000), attempts++) {
      const page = await this.client.searchRunsPage({ experimentIds: [experimentId], filter, orderBy: ['attributes.start_time ASC'], maxResults: 10 });
      const found = page.items.find((run) => exact || run.tags[BOM_TAGS.bomId] === id);
      if (found !== undefined) return found.info.runId;
      if (Date.now() + wait > deadline) {
        const message = `no MLflow run with ${BOM_TAGS.bomId} = ${JSON.stringify(id)} appeared in experiment ${experimentId} within ${timeoutMs / 1000} s: start the owner rank first, or hand every rank the run id (distributed.joinTimeoutMs, runId, MLFLOW_RUN_ID)`;
        throw new MlflowError(404, 'RESOURCE_DOES_NOT_EXIST', message, { method: 'POST', path: '/api/2.0/mlflow/runs/search', attempts, elapsedMs: Date.now() - began });
      }
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  private journalState(runId: string | undefined): JsonDict {
    const experiment = this.choice.experimentName ?? this.client.experimentName;
    return {
      tracking_uri: this.client.trackingUri, ...(experiment === undefined ? {} : { experiment_name: experiment }), ...(runId === undefined ? {} : { run_id: runId }),
      ...(this.rank === undefined ? {} : { distributed: rankJournalState(this.rank) }),
    };
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
