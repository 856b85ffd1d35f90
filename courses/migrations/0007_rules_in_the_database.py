"""Survey answers on their scale, kept by the database (the parents' answers have
the same check: gals ``answer_on_the_scale``).

Before adding them, the rows that already break one are named and the migration stops
(``cms.core.migration_checks``): nothing is changed until they are corrected.
"""

from django.db import migrations, models

from cms.core.migration_checks import refuse_rows

RULES = [
    ('SurveyAnswer', models.CheckConstraint(
        condition=models.Q(('value__gte', 0), ('value__lte', 5)),
        name='survey_answer_on_the_scale'),
     'an answer is 1 to 5 (0 or 1 for a yes-or-no statement)'),
    ('SurveyAnswer', models.CheckConstraint(
        condition=models.Q(('before_value__isnull', True),
                           models.Q(('before_value__gte', 1), ('before_value__lte', 5)),
                           _connector='OR'),
        name='survey_looking_back_on_the_scale'),
     "a looking-back answer is empty or 1 to 5"),
]


class Migration(migrations.Migration):

    dependencies = [
        ('courses', '0006_roll_call_photos'),
    ]

    operations = [
        *(refuse_rows('courses', model, constraint, rule) for model, constraint, rule in RULES),
        *(migrations.AddConstraint(model_name=model.lower(), constraint=constraint)
          for model, constraint, _rule in RULES),
    ]
