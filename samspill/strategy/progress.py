"""Progress that rolls up: a goal's progress is the mean of its measures', an area's the
mean of its goals' (goals without measures do not count), a plan's the mean of its areas'.
Stopped measures are left out, as they will never be done. Everything is computed from
prefetched rows, so a whole plan costs a handful of queries."""

from dataclasses import dataclass, field

from .models import Status


def mean(values):
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values)) if values else None


@dataclass
class Tally:
    """How many of a set of records have each status."""

    counts: dict = field(default_factory=dict)

    def add(self, status):
        self.counts[status] = self.counts.get(status, 0) + 1

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def done(self):
        return self.counts.get(Status.DONE, 0)

    def rows(self):
        return [(status, status.label, self.counts.get(status, 0)) for status in Status]


def measure_progress(measures):
    return mean([m.progress for m in measures if m.status != Status.STOPPED])


def roll_up(plan):
    """Annotate the prefetched plan, its areas and goals with `.progress` (0–100 or None)
    and `.tally` (statuses of the measures below)."""
    plan_tally = Tally()
    for area in plan.areas.all():
        area.tally = Tally()
        for goal in area.goals.all():
            goal.tally = Tally()
            measures = list(goal.measures.all())
            for measure in measures:
                goal.tally.add(measure.status)
                area.tally.add(measure.status)
                plan_tally.add(measure.status)
            goal.progress = measure_progress(measures)
        area.progress = mean([goal.progress for goal in area.goals.all()])
    plan.progress = mean([area.progress for area in plan.areas.all()])
    plan.tally = plan_tally
    return plan


def decision_status(decision):
    """The state of a case from its planned points: how many are done of how many, and a
    status that says it in one word."""
    planned = [f for f in decision.follow_ups.all() if f.kind == "planned"]
    done = [f for f in planned if f.status == Status.DONE]
    if not planned:
        status = None
    elif len(done) == len(planned):
        status = Status.DONE
    elif any(f.status == Status.DELAYED for f in planned):
        status = Status.DELAYED
    elif any(f.status in {Status.IN_PROGRESS, Status.DONE} for f in planned):
        status = Status.IN_PROGRESS
    else:
        status = Status.NOT_STARTED
    return {"planned": len(planned), "done": len(done), "status": status}
