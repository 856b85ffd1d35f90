"""Demo curriculum, role-model stories and the university guide, in both languages.

The pages come from the content files in ``courses/content`` (see docs/content.md),
through the same importer as ``manage.py import_curriculum``.
"""

from . import demo_learning, knowledge
from .content_files import ContentError, load_content
from .curriculum_import import import_content


def load(out) -> None:
    content = load_content()
    report = import_content(content)
    lessons = len(content.of_type("lesson"))
    days = len(content.of_type("day"))
    out(
        f"Curriculum: {days} days, {lessons} lessons; "
        f"{len(content.of_type('role-model'))} role-model stories; "
        f"{len(content.of_type('university'))} universities, in both languages "
        f"({len(report.created)} pages created, {len(report.updated)} updated, "
        f"{len(report.drafts)} left as drafts)."
    )
    for where, why in report.drafts:
        out(f"  {where}: left as a draft because {why}")
    tests, problems = knowledge.read_tests()
    if problems:
        raise ContentError(problems)
    questions = knowledge.import_tests(tests)
    out(f"Knowledge tests: {len(tests)} tracks, two forms each ({questions} questions made "
        "or changed).")
    added = demo_learning.ensure_survey_items()
    out(f"Confidence survey: {len(demo_learning.SURVEY_ITEMS)} statements ({added} added).")
    curriculum = content.of_type("curriculum")[0]
    demo_learning.load_learner(out, curriculum.slug)
