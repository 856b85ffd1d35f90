"""Rules that lived only in forms, kept by the database: a camp has a place, its days
end after they start, a share of lessons is at most all of them, a girl on the
waiting list has the time she joined it.

Before adding them, the rows that already break one are named and the migration stops
(``cms.core.migration_checks``): nothing is changed until they are corrected.
"""

from django.db import migrations, models

from cms.core.migration_checks import refuse_rows

RULES = [
    ('Camp', models.CheckConstraint(
        condition=models.Q(('capacity__gte', 1)), name='camp_has_a_place',
        violation_error_message='A camp needs at least one place.'),
     'a camp has at least one place'),
    ('Camp', models.CheckConstraint(
        condition=models.Q(('day_ends_at__gt', models.F('day_starts_at'))),
        name='camp_day_ends_after_it_starts',
        violation_error_message='The day must end after it starts.'),
     "a camp's days end after they start"),
    ('Camp', models.CheckConstraint(
        condition=models.Q(('min_core_lessons_percent__lte', 100)),
        name='camp_core_lessons_share_at_most_all',
        violation_error_message='A share cannot be more than 100%.'),
     'the share of core lessons for a certificate is at most 100%'),
    ('CampDay', models.CheckConstraint(
        condition=models.Q(('ends_at__gt', models.F('starts_at'))),
        name='camp_day_ends_after_it_starts_day',
        violation_error_message='The day must end after it starts.'),
     'a camp day ends after it starts'),
    ('Enrolment', models.CheckConstraint(
        condition=models.Q(models.Q(('status', 'waiting'), _negated=True),
                           ('waiting_since__isnull', False), _connector='OR'),
        name='waiting_since_a_time'),
     'a girl on the waiting list has the time she joined it'),
]


class Migration(migrations.Migration):

    dependencies = [
        ('camp', '0005_schools_added_by_facilitators'),
    ]

    operations = [
        *(refuse_rows('camp', model, constraint, rule) for model, constraint, rule in RULES),
        *(migrations.AddConstraint(model_name=model.lower(), constraint=constraint)
          for model, constraint, _rule in RULES),
    ]
