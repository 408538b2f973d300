"""The Celery application of the scale-out mode: ``django.tasks`` carried by Celery over Redis.

The embedded default queues tasks in the database (django-tasks-db). With
``LAPNET_TASK_BACKEND=django_tasks_celery.CeleryBackend`` the same ``@task`` functions are sent to
Redis (``LAPNET_REDIS_URL``) and run by ``lapnet worker`` on as many machines as needed; nothing in
the apps changes, since they only ever call ``task.enqueue``. django-tasks-celery registers each
``django.tasks`` task with this application when its module is imported, so a worker imports every
task module (``TASK_MODULES``) before it starts consuming.
"""

from __future__ import annotations

from importlib import import_module

from celery import Celery

# every module that defines django.tasks tasks: a worker must know them all before it consumes
TASK_MODULES = (
    "lapnet.evidence.tasks",
    "lapnet.campaigns.tasks",
    "lapnet.watching.tasks",
    "lapnet.notifications.tasks",
    "lapnet.referrals.tasks",
)

app = Celery("lapnet")
app.config_from_object("django.conf:settings", namespace="CELERY")


def import_task_modules() -> None:
    for module in TASK_MODULES:
        import_module(module)
