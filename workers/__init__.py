"""Celery entry points: the app (workers.app) and its tasks (workers.tasks)."""
