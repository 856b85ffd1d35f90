"""Rules about families' stored data, kept by the database: one open data request of
a kind per girl, a session of a camp or a community, an account a member once.

Before adding them, the rows that already break one are named and the migration stops
(``cms.core.migration_checks``): nothing is changed until they are corrected.
"""

from django.db import migrations, models

from cms.core.migration_checks import refuse_rows

RULES = [
    ('DataRequest', models.UniqueConstraint(
        condition=models.Q(('answered_at__isnull', True)), fields=('girl', 'kind'),
        name='one_open_data_request_per_kind',
        violation_error_message='The same request for her is already open.'),
     'one open request of each kind for a girl'),
    ('GalsSession', models.CheckConstraint(
        condition=models.Q(('camp__isnull', False), models.Q(('community', ''), _negated=True),
                           _connector='OR'),
        name='session_of_a_camp_or_a_community',
        violation_error_message='Choose the camp or name the community of the session.'),
     'a session belongs to a camp or names its community'),
    ('HouseholdMember', models.UniqueConstraint(
        condition=models.Q(('user__isnull', False)), fields=('household', 'user'),
        name='one_membership_per_account',
        violation_error_message='This account is already a member of this family.'),
     'an account is a member of a household once'),
]


class Migration(migrations.Migration):

    dependencies = [
        ('gals', '0006_data_request_reset_code'),
    ]

    operations = [
        *(refuse_rows('gals', model, constraint, rule) for model, constraint, rule in RULES),
        *(migrations.AddConstraint(model_name=model.lower(), constraint=constraint)
          for model, constraint, _rule in RULES),
    ]
