"""The states a job and its projects move through, named once (spec/API.md §4 and §5).

A project's public `status` says where it is for clients; its `stage_state` (with the lease)
is the engine's own bookkeeping for the current stage:

    waiting ──claim──▶ queued ──start──▶ running ──finish──▶ next stage waiting, or done
                          ▲                 │ park (outside work)
                          └──── claim ── external
    a lease that runs out sends queued/running back (retried once); fail and cancel end in done
"""

from __future__ import annotations

from enum import StrEnum


class JobStatus(StrEnum):
    PENDING = "pending"          # accepted, no worker has started any of it
    RUNNING = "running"
    COMPLETED = "completed"      # every project completed
    PARTIAL = "partial"          # at least one completed, the rest failed or cancelled
    FAILED = "failed"
    CANCELLED = "cancelled"


class ProjectStatus(StrEnum):
    PENDING = "pending"
    PREPARING = "preparing"
    GENERATING = "generating"
    POST_PROCESSING = "post_processing"
    STITCHING = "stitching"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"


class StageState(StrEnum):
    WAITING = "waiting"          # ready for a tick to claim
    QUEUED = "queued"            # claimed, handed to the queue, no worker yet
    RUNNING = "running"          # a worker holds it while its lease is current
    EXTERNAL = "external"        # outside work in progress; polled again when the lease is due
    DONE = "done"                # the project ended (completed, failed or cancelled)


# A project in one of these never changes again.
PROJECT_TERMINAL = frozenset({ProjectStatus.COMPLETED, ProjectStatus.FAILED, ProjectStatus.CANCELLED})
# Jobs still being worked on; every other job status is final.
JOB_OPEN = frozenset({JobStatus.PENDING, JobStatus.RUNNING})
JOB_FINAL = frozenset(JobStatus) - JOB_OPEN
