from django.apps import AppConfig


class BlockingJobsConfig(AppConfig):
    name = "tests.jobs.blocking"
    label = "jobs_blocking_testapp"
