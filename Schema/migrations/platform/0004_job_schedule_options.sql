-- A schedule's jobs carry the attempts and tracking of their payload type, like jobs enqueued directly.
ALTER TABLE platform.job_schedules
    ADD COLUMN max_attempts integer NOT NULL DEFAULT 10 CHECK (max_attempts > 0),
    ADD COLUMN tracked boolean NOT NULL DEFAULT false;
