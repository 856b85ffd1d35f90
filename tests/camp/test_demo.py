import pytest
from django.utils import timezone

from camp import demo
from camp.models import Attendance, AttendanceMark, Camp, CampDay, Enrolment
from camp.scheduling import phase


@pytest.mark.django_db
def test_demo_camps_finished_running_upcoming_and_idempotent(six_days):
    demo.load(lambda line: None)
    camps = {phase(list(c.days.all())): c for c in Camp.objects.prefetch_related("days")}
    assert set(camps) == {"finished", "running", "upcoming"}
    today = timezone.localdate()
    assert camps["running"].days.filter(date=today).exists()
    for camp in camps.values():
        assert camp.facilitators.filter(username="demo-facilitator").exists()
        assert camp.enrolments.filter(learner__username="demo-learner",
                                      status=Enrolment.Status.ENROLLED).exists()
    finished = camps["finished"]
    assert finished.status == Camp.Status.FINISHED
    girls = finished.enrolments.count()
    assert girls >= 8
    assert Attendance.objects.filter(camp_day__camp=finished).count() == 6 * girls
    assert not Attendance.objects.filter(camp_day__camp=camps["upcoming"]).exists()
    before = (Camp.objects.count(), CampDay.objects.count(), AttendanceMark.objects.count(),
              Enrolment.objects.count())
    demo.load(lambda line: None)
    assert (Camp.objects.count(), CampDay.objects.count(), AttendanceMark.objects.count(),
            Enrolment.objects.count()) == before
