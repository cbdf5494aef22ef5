/**
 * An import too large to write within one event is written in steps, each its own request
 * (`import`, then `import:next` until the answer names no next step). Chromium ends an extension
 * service worker whose one event runs past five minutes, and a restore of hundreds of thousands
 * of highlights on a busy machine takes longer than that. Each step is one transaction: a restore
 * cut short keeps the steps already written, and restoring the file again finishes it without
 * doubling anything (an import merges). The file, read and checked whole before the first step,
 * waits here in the background's memory meanwhile.
 */
import { t } from '@/utils/i18n/words';
import type { ImportBatch } from '../engines/import';
import { CodedError } from '../shared/result';
import { newId } from '../shared/new-id';

/** Highlights written per step: well inside five minutes on a busy machine. */
export const STEP_HIGHLIGHTS = 50_000;
/** How long a held import waits for its next step before it is dropped. */
const KEEP_MS = 15 * 60 * 1000;

export interface ImportJob {
  id: string;
  batch: ImportBatch;
  /** Index of the first highlight the next step writes. */
  next: number;
  /** Ids of the file's highlights written so far: found by id only by later steps. */
  written: Set<string>;
  at: number;
}

export class ImportSteps {
  private readonly jobs = new Map<string, ImportJob>();

  constructor(
    private readonly now: () => number = Date.now,
    /** Highlights written per step (smaller in tests). */
    readonly stepSize = STEP_HIGHLIGHTS,
  ) {}

  /** A job for a checked batch, written from its first highlight. */
  start(batch: ImportBatch): ImportJob {
    const before = this.now() - KEEP_MS;
    for (const [id, job] of this.jobs) if (job.at < before) this.jobs.delete(id);
    const job: ImportJob = { id: newId(), batch, next: 0, written: new Set(), at: this.now() };
    this.jobs.set(job.id, job);
    return job;
  }

  /** The job a `import:next` names. */
  take(id: string): ImportJob {
    const job = this.jobs.get(id);
    if (!job) throw new CodedError('not-found', t('importRestLost'));
    job.at = this.now();
    return job;
  }

  finish(id: string): void {
    this.jobs.delete(id);
  }
}
