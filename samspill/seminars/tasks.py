"""Background tasks of dialogue seminars, run by `manage.py db_worker`."""

from django.tasks import task


@task
def analyse_seminar_task(*, analysis_id):
    """The topic analysis of a seminar: a minute for the largest seminars, so it runs in
    the worker while the organiser's page shows its progress."""
    from .models import Analysis
    from .topics import analysis_run

    analysis = Analysis.objects.select_related("seminar").get(pk=analysis_id)
    return analysis_run(analysis).topic_count
