"""A test-only app for the real worker of tests/jobs/test_recovery_worker.py: one topic whose
handler holds while a file exists, so the test can kill a worker in the middle of a job."""
