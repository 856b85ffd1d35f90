"""Curriculum pages: CurriculumPage -> CampDayPage -> LessonPage, and the guides beside them.

Learner progress (a later part of this app) is keyed by a lesson's
``translation_key``, so the Kyrgyz and the Russian lesson are one lesson.
"""

import re

from django import forms
from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from cms.core import content_cache
from cms.core.blocks import TextItemBlock
from cms.core.models import BasePage
from cms.core.permissions import can

from .blocks import KeyDateBlock, TimeSlotBlock
from .panels import GuidePanel


class Track(models.TextChoices):
    SOLDERING = "soldering", _("Soldering and electronics")
    MODELLING = "modelling", _("3D modelling and printing")
    PROGRAMMING = "programming", _("Programming")
    UNIVERSITY = "university", _("University guidance")
    SOFTSKILLS = "softskills", _("Soft skills and teamwork")


class OrtSubject(models.TextChoices):
    """Subject tests of the national test (ORT) that programmes ask for."""

    MATHS = "maths", _("Mathematics")
    PHYSICS = "physics", _("Physics")
    CHEMISTRY = "chemistry", _("Chemistry")
    BIOLOGY = "biology", _("Biology")
    ENGLISH = "english", _("English")
    HISTORY = "history", _("History")
    KYRGYZ = "kyrgyz", _("Kyrgyz language and literature")
    RUSSIAN = "russian", _("Russian language and literature")


class CurriculumPage(BasePage):
    """A camp programme: six day pages, each with its lessons."""

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.CampDayPage"]

    class Meta:
        verbose_name = _("curriculum")
        verbose_name_plural = _("curricula")

    def days(self):
        """The live days, each with ``day.lessons`` filled: two queries in all."""
        days = list(CampDayPage.objects.child_of(self).live().public().order_by("path"))
        lessons = LessonPage.objects.descendant_of(self).live().public().order_by("path")
        by_parent_path: dict[str, list] = {}
        for lesson in lessons:
            by_parent_path.setdefault(lesson.path[: -LessonPage.steplen], []).append(lesson)
        for day in days:
            day.lessons = by_parent_path.get(day.path, [])
        return days


class CampDayPage(BasePage):
    """One day of the camp: its theme, goals, equipment and timetable."""

    parent_page_types = ["courses.CurriculumPage"]
    subpage_types = ["courses.LessonPage"]

    day_number = models.PositiveSmallIntegerField(
        _("day number"), help_text=_("1 to 6: the order of the day in the camp.")
    )
    theme = models.CharField(_("theme"), max_length=200)
    goals = StreamField([("goal", TextItemBlock())], blank=True, verbose_name=_("goals"))
    materials = StreamField(
        [("item", TextItemBlock())],
        blank=True,
        verbose_name=_("materials and equipment"),
        help_text=_("What the facilitator prepares before the day starts."),
    )
    timetable = StreamField(
        [("slot", TimeSlotBlock())], blank=True, verbose_name=_("timetable")
    )

    search_fields = BasePage.search_fields + [index.SearchField("theme")]
    content_panels = BasePage.content_panels[:1] + [
        MultiFieldPanel([FieldPanel("day_number"), FieldPanel("theme")], heading=_("Day")),
        FieldPanel("intro"),
        FieldPanel("goals"),
        FieldPanel("materials"),
        FieldPanel("timetable"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("camp day")
        verbose_name_plural = _("camp days")

    def lessons(self):
        return LessonPage.objects.child_of(self).live().public().order_by("path")


class LessonPage(BasePage):
    """One lesson: what a girl reads and does, step by step, on her phone."""

    parent_page_types = ["courses.CampDayPage"]
    subpage_types: list[str] = []

    track = models.CharField(_("track"), max_length=20, choices=Track.choices)
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"), default=45)
    is_core = models.BooleanField(
        _("core lesson"),
        default=False,
        help_text=_("Core lessons count towards the camp certificate."),
    )
    objectives = StreamField(
        [("objective", TextItemBlock())], blank=True, verbose_name=_("learning objectives")
    )
    needs_connection = models.BooleanField(
        _("needs the internet"),
        default=False,
        help_text=_("The lesson uses a website (for example Tinkercad or Wokwi)."),
    )
    offline_path = models.CharField(
        _("without the internet"),
        max_length=300,
        blank=True,
        help_text=_("One line: what to do instead when there is no connection."),
    )
    # For the camp's facilitators only (courses/guides.py): never drawn on the lesson
    # page, never searched. Written in the content files and imported from them.
    facilitator_guide = models.JSONField(
        _("facilitator's guide"), default=dict, blank=True, editable=False
    )

    search_fields = BasePage.search_fields
    content_panels = BasePage.content_panels[:1] + [
        MultiFieldPanel(
            [FieldPanel("track"), FieldPanel("duration_minutes"), FieldPanel("is_core"),
             FieldPanel("needs_connection"), FieldPanel("offline_path")],
            heading=_("Lesson"),
        ),
        FieldPanel("intro"),
        FieldPanel("objectives"),
        FieldPanel("body"),
        GuidePanel(heading=_("Facilitator's guide (read only)")),
    ]

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def _siblings_in_curriculum(self):
        curriculum_path = self.path[: -2 * self.steplen]
        return LessonPage.objects.live().public().filter(path__startswith=curriculum_path)

    def previous_lesson(self):
        """The lesson before this one, in this day or the day before."""
        return self.neighbours()[0]

    def next_lesson(self):
        """The lesson after this one, in this day or the next."""
        return self.neighbours()[1]

    def neighbours(self):
        """The lessons before and after this one, from one query, kept on the page and
        in the cache until the content changes."""
        if not hasattr(self, "_neighbours"):
            self._neighbours = content_cache.kept(f"neighbours:{self.pk}", self._find_neighbours)
        return self._neighbours

    def _find_neighbours(self):
        lessons = self._siblings_in_curriculum().order_by("path").only(
            "path", "depth", "title", "url_path", "locale_id", "translation_key")
        before = after = None
        for lesson in lessons:
            if lesson.path < self.path:
                before = lesson
            elif lesson.path > self.path:
                after = lesson
                break
        return before, after

    @cached_property
    def day(self):
        """The camp day this lesson belongs to (its parent page)."""
        return CampDayPage.objects.filter(path=self.path[: -self.steplen]).first()

    def get_context(self, request, *args, **kwargs):
        # The day and the neighbours are read by the template only where its kept
        # parts are drawn anew ({% kept_part %} in templates/courses/lesson_page.html).
        context = super().get_context(request, *args, **kwargs)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and can(user, "courses.take_lesson", self):
            from .services import lesson_state

            context["learning"] = lesson_state(user, self)
        return context


class RoleModelPage(BasePage):
    """A woman working in STEM: her path from school to her work."""

    parent_page_types = ["cms.StandardPage"]
    subpage_types: list[str] = []

    name = models.CharField(_("name"), max_length=100)
    profession = models.CharField(_("profession"), max_length=200)
    quote = models.CharField(_("her words"), max_length=300, blank=True)
    portrait = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("illustration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = BasePage.search_fields + [
        index.SearchField("name"),
        index.SearchField("profession"),
    ]
    content_panels = BasePage.content_panels[:1] + [
        FieldPanel("name"),
        FieldPanel("profession"),
        FieldPanel("quote"),
        FieldPanel("portrait"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("role model story")
        verbose_name_plural = _("role model stories")


class UniversityGuidePage(BasePage):
    """The admission guide: the ORT test, grant places and the key dates of the year."""

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.UniversityPage"]

    key_dates = StreamField(
        [("date", KeyDateBlock())],
        blank=True,
        verbose_name=_("key dates"),
        help_text=_("Check them every year: the testing centre announces them."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("key_dates")]

    class Meta:
        verbose_name = _("university guide")
        verbose_name_plural = _("university guides")

    def universities(self):
        return UniversityPage.objects.child_of(self).live().public().order_by("title")


class SubjectsField(models.JSONField):
    """A list of ORT subject keys, edited as checkboxes."""

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=OrtSubject.choices,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name,
        )


class UniversityPage(BasePage):
    """A university or programme: where it is, what it teaches, which tests it needs."""

    parent_page_types = ["courses.UniversityGuidePage"]
    subpage_types: list[str] = []

    city = models.CharField(_("city"), max_length=100)
    website = models.URLField(_("website"), blank=True)
    ort_subjects = SubjectsField(_("ORT subject tests required"), default=list, blank=True)
    programmes = StreamField(
        [("programme", blocks.CharBlock(max_length=200, label=_("Programme")))],
        blank=True,
        verbose_name=_("STEM programmes"),
    )

    search_fields = BasePage.search_fields + [index.SearchField("city")]
    content_panels = BasePage.content_panels[:1] + [
        FieldPanel("city"),
        FieldPanel("website"),
        FieldPanel("ort_subjects"),
        FieldPanel("programmes"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("university")
        verbose_name_plural = _("universities")

    def subject_labels(self):
        labels = dict(OrtSubject.choices)
        return [labels[key] for key in self.ort_subjects if key in labels]


class LessonProgress(models.Model):
    """A girl finished a lesson. Keyed by the lesson's translation key, so the Kyrgyz
    and the Russian version are one lesson; ``client_id`` makes a replay count once."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("girl"),
        on_delete=models.CASCADE,
        related_name="lesson_progress",
    )
    lesson_key = models.UUIDField(_("lesson"), db_index=True)
    completed_at = models.DateTimeField(_("completed at"))
    client_id = models.UUIDField(_("client id"), unique=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "lesson_key"], name="one_completion_per_lesson"
            )
        ]

    def __str__(self):
        return f"{self.learner_id}: {self.lesson_key}"


class StepProgress(models.Model):
    """A girl ticked one step of a lesson's step-by-step instructions.

    ``step`` is "<n>.<m>": the m-th step of the lesson's n-th steps block. Positions,
    not block ids, so that a translation made separately still matches.
    """

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("girl"),
        on_delete=models.CASCADE,
        related_name="step_progress",
    )
    lesson_key = models.UUIDField(_("lesson"), db_index=True)
    step = models.CharField(_("step"), max_length=20)
    completed_at = models.DateTimeField(_("completed at"))
    client_id = models.UUIDField(_("client id"), unique=True)

    class Meta:
        verbose_name = _("step done")
        verbose_name_plural = _("steps done")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "lesson_key", "step"], name="one_completion_per_step"
            )
        ]

    def __str__(self):
        return f"{self.learner_id}: {self.lesson_key} {self.step}"


class QuizAttempt(models.Model):
    """One answer to a "check your understanding" question, scored on the server.

    The question is the ``quiz_number``-th quiz block of the lesson ``lesson_key``:
    the same in Kyrgyz and Russian even when the two pages were written apart.
    Every attempt is kept, so a facilitator sees which questions the group finds hard.
    """

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("girl"),
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
    lesson_key = models.UUIDField(_("lesson"))
    quiz_number = models.PositiveSmallIntegerField(_("question number in the lesson"))
    block_id = models.CharField(_("block id"), max_length=64, blank=True)
    answer = models.PositiveSmallIntegerField(_("answer chosen"))
    is_correct = models.BooleanField(_("right"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    answered_at = models.DateTimeField(_("answered at"))
    client_id = models.UUIDField(_("client id"), unique=True)

    class Meta:
        verbose_name = _("answer to a check question")
        verbose_name_plural = _("answers to check questions")
        ordering = ["answered_at", "pk"]
        indexes = [models.Index(fields=["lesson_key", "quiz_number"])]

    def __str__(self):
        return f"{self.learner_id}: {self.lesson_key} #{self.quiz_number}"


def private_storage():
    """Where girls' photos live: never under a public URL (see courses.storage)."""
    from .storage import private_storage as storage

    return storage()


class ProjectPhoto(models.Model):
    """A photo of something a girl built, cleaned by ``cms.core.images.clean_image``.

    Stored outside the public media files and served only through a view that asks
    ``cms.core.permissions.can``: she, her facilitators and her guardians, with consent.
    """

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("girl"),
        on_delete=models.CASCADE,
        related_name="project_photos",
    )
    class Kind(models.TextChoices):
        BUILD = "build", _("what she built")
        # Her face, taken by her facilitator so a new facilitator knows her at the
        # roll call; one at a time, with the same consent as every photo.
        ROLL_CALL = "roll_call", _("her photo for the roll call")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices,
                            default=Kind.BUILD)
    lesson_key = models.UUIDField(_("lesson"), null=True, blank=True, db_index=True)
    caption = models.CharField(_("caption"), max_length=200)
    image = models.FileField(_("photo"), storage=private_storage, upload_to="projects/%Y/%m/")
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    created_at = models.DateTimeField(_("uploaded at"))
    client_id = models.UUIDField(_("client id"), unique=True)

    class Meta:
        verbose_name = _("project photo")
        verbose_name_plural = _("project photos")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.caption


class SurveyArea(models.TextChoices):
    """What a confidence-survey item measures (after S-STEM and STEM-CIS)."""

    MATHS = "maths", _("Mathematics")
    SCIENCE = "science", _("Science")
    ENGINEERING = "engineering", _("Engineering and technology")
    SKILLS = "skills", _("21st-century skills")
    CAREER = "career", _("Interest in STEM careers")
    ROLE_MODEL = "role_model", _("Knows a woman who works in STEM")


class SurveyItem(TranslatableMixin, models.Model):
    """One statement of the confidence survey, written and translated by managers.

    The Kyrgyz and the Russian item share a ``translation_key``; answers are stored
    by that key. A reverse-scored item ("Maths is hard for me") counts 6 minus
    the answer, so a higher score always means more confidence.
    """

    class Kind(models.TextChoices):
        LIKERT = "likert", _("Agree or disagree, 1 to 5")
        YES_NO = "yes_no", _("Yes or no")

    text = models.CharField(_("statement"), max_length=300)
    area = models.CharField(_("area"), max_length=20, choices=SurveyArea.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.LIKERT)
    reverse_scored = models.BooleanField(
        _("reverse-scored"),
        default=False,
        help_text=_("Tick when agreeing means less confidence, e.g. 'Maths is hard for me'."),
    )
    in_retrospective = models.BooleanField(
        _("also asked 'before the camp / now'"),
        default=False,
        help_text=_("At the end of the camp the girl rates this twice: as she was, and now."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("text"),
        FieldPanel("area"),
        FieldPanel("kind"),
        FieldPanel("reverse_scored"),
        FieldPanel("in_retrospective"),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("survey statement")
        verbose_name_plural = _("survey statements")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.text


class SurveyCode(models.Model):
    """The pseudonymous code a girl's survey answers are filed under.

    Answers carry only the code. Deleting this row (when she is anonymised) cuts
    the last link between her and her answers; the counts stay.
    """

    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("girl"),
        on_delete=models.CASCADE,
        related_name="survey_code",
    )
    code = models.CharField(_("code"), max_length=16, unique=True)

    class Meta:
        verbose_name = _("survey code")
        verbose_name_plural = _("survey codes")

    def __str__(self):
        return self.code


class SurveyRound(models.TextChoices):
    PRE = "pre", _("Before the camp")
    POST = "post", _("After the camp")


class SurveyResponse(models.Model):
    """One filled-in survey: a code and a round, once."""

    code = models.CharField(_("code"), max_length=16, db_index=True)
    round = models.CharField(_("round"), max_length=4, choices=SurveyRound.choices)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    submitted_at = models.DateTimeField(_("submitted at"))
    client_id = models.UUIDField(_("client id"), unique=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(fields=["code", "round"], name="one_survey_response_per_round")
        ]

    def __str__(self):
        return f"{self.code} {self.round}"


class SurveyAnswer(models.Model):
    """One statement answered. ``area`` and ``reverse_scored`` are copied from the item
    when answered, so results keep their meaning if an item is later rewritten."""

    response = models.ForeignKey(
        SurveyResponse, verbose_name=_("response"), on_delete=models.CASCADE,
        related_name="answers",
    )
    item_key = models.UUIDField(_("statement"))
    area = models.CharField(_("area"), max_length=20, choices=SurveyArea.choices)
    reverse_scored = models.BooleanField(_("reverse-scored"), default=False)
    value = models.PositiveSmallIntegerField(_("answer"))
    before_value = models.PositiveSmallIntegerField(
        _("looking back: before the camp"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "item_key"], name="one_survey_answer_per_item"
            ),
            # 1 to 5 on the scale; 0 and 1 are the "no" and "yes" of a yes-or-no statement.
            models.CheckConstraint(
                condition=models.Q(value__gte=0, value__lte=5), name="survey_answer_on_the_scale"
            ),
            models.CheckConstraint(
                condition=models.Q(before_value__isnull=True)
                | models.Q(before_value__gte=1, before_value__lte=5),
                name="survey_looking_back_on_the_scale",
            ),
        ]

    def __str__(self):
        return f"{self.response_id}: {self.item_key} = {self.value}"


class SurveyScore(models.Model):
    """A girl's score in one area, before and after the camp and looking back: the mean
    of her answers there, higher always more confident (see ``surveys.score_girls``).

    Kept beside the answers, under the same code, when a survey is submitted, so the
    programme's figures average one row per girl and area instead of grouping every
    answer of every girl again on each look at the dashboard.
    """

    code = models.CharField(_("code"), max_length=16)
    area = models.CharField(_("area"), max_length=20, choices=SurveyArea.choices)
    pre = models.FloatField(_("before the camp"), null=True)
    post = models.FloatField(_("after the camp"), null=True)
    back = models.FloatField(_("looking back: before the camp"), null=True)

    class Meta:
        verbose_name = _("survey score")
        verbose_name_plural = _("survey scores")
        constraints = [
            models.UniqueConstraint(fields=["code", "area"], name="one_survey_score_per_area")
        ]

    def __str__(self):
        return f"{self.code} {self.area}"


class PathChoice(models.Model):
    """A university (or programme) a girl put on her "my path" page."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("girl"),
        on_delete=models.CASCADE,
        related_name="path_choices",
    )
    university_key = models.UUIDField(_("university"))
    added_at = models.DateTimeField(_("added at"))

    class Meta:
        verbose_name = _("university on her path")
        verbose_name_plural = _("universities on her path")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "university_key"], name="one_path_choice_per_university"
            )
        ]

    def __str__(self):
        return f"{self.learner_id}: {self.university_key}"


class ContentImport(models.Model):
    """What ``import_curriculum`` last did to a page: which file it came from (and a hash of
    it, so an unchanged file makes no new revision), the revision it published, and the
    draft it left when an editor's own version was live."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="content_import"
    )
    source = models.CharField(_("source file"), max_length=255)
    source_hash = models.CharField(_("source hash"), max_length=64)
    published_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("revision the import published"),
    )
    draft_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("revision the import left as a draft"),
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("content import")
        verbose_name_plural = _("content imports")

    def __str__(self):
        return f"{self.source} -> page {self.page_id}"


class GlossaryTerm(TranslatableMixin, models.Model):
    """One of the camp's words, in the form lessons should use, and what it means.

    The Kyrgyz and the Russian entry share a ``translation_key``. A lesson links the
    first word it shows that is one of the entry's forms to the entry on the glossary
    page (``courses.glossary``).
    """

    term = models.CharField(
        _("term"), max_length=80,
        help_text=_("The form every lesson should use, e.g. 'кепшерлөө' or 'пайка'."),
    )
    definition = models.TextField(
        _("definition"), max_length=500,
        help_text=_(
            "One or two short sentences a 14-year-old understands. A name from a program "
            "goes between backticks, e.g. `loop()`: the page shows it as code."
        ),
    )
    forms = models.TextField(
        _("forms linked in lessons"), blank=True,
        help_text=_(
            "One per line, the words in a lesson that link to this entry. A '*' at the "
            "end of a word stands for any ending: 'кепшерлөө*' also finds 'кепшерлөөнү'. "
            "Empty: the term itself."
        ),
    )

    avoid = models.TextField(
        _("other names not to use"), blank=True,
        help_text=_(
            "One per line, with '*' as above: names of the same thing that lessons should "
            "not use ('сенсор' for 'датчик'). The glossary check names the lessons that do."
        ),
    )
    track = models.CharField(
        _("only in lessons of"), max_length=20, choices=Track.choices, blank=True,
        help_text=_(
            "For a word that means something else elsewhere ('толтуруу' is also filling in "
            "a form): linked only in this track's lessons. Empty: in every lesson."
        ),
    )

    panels = [FieldPanel("term"), FieldPanel("definition"), FieldPanel("forms"),
              FieldPanel("avoid"), FieldPanel("track")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "term"], name="one_glossary_term_per_language"
            )
        ]

    def __str__(self):
        return self.term

    def definition_html(self) -> str:
        """The definition, with names between backticks shown as code."""
        return mark_safe(  # noqa: S308 - safe: escaped first, only <code> added
            re.sub(r"`([^`\n]+)`", r"<code>\1</code>", escape(self.definition))
        )

    @property
    def anchor(self) -> str:
        """The entry's id on the glossary page: the same in both languages."""
        return f"term-{self.translation_key.hex[:12]}"

    def form_list(self) -> list[str]:
        found = [line.strip() for line in self.forms.splitlines() if line.strip()]
        return found or [self.term]

    def avoided_list(self) -> list[str]:
        return [line.strip() for line in self.avoid.splitlines() if line.strip()]


class KnowledgeForm(models.TextChoices):
    """The two parallel forms of a track's knowledge test: a girl takes one before the
    camp and the other after it, so she never meets the same question twice."""

    A = "a", _("Form A")
    B = "b", _("Form B")


class KnowledgeItem(models.Model):
    """One question of a track's knowledge test, imported from the content files
    (``courses/content/knowledge-test``, see ``courses.knowledge``).

    The right answer (``correct``) lives only here: the test is scored on the server,
    and no page or JSON a phone gets carries it. Choices are numbered as written
    (1 for the first), the same in Kyrgyz and Russian.
    """

    track = models.CharField(_("track"), max_length=20, choices=Track.choices)
    form = models.CharField(_("form"), max_length=1, choices=KnowledgeForm.choices)
    number = models.PositiveSmallIntegerField(_("question number"))
    question_ky = models.CharField(_("question (Kyrgyz)"), max_length=400)
    question_ru = models.CharField(_("question (Russian)"), max_length=400)
    choices_ky = models.JSONField(_("choices (Kyrgyz)"), default=list)
    choices_ru = models.JSONField(_("choices (Russian)"), default=list)
    correct = models.PositiveSmallIntegerField(_("right choice"))

    class Meta:
        verbose_name = _("knowledge-test question")
        verbose_name_plural = _("knowledge-test questions")
        ordering = ["track", "form", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["track", "form", "number"], name="one_knowledge_item_per_place"
            )
        ]

    def __str__(self):
        return f"{self.track} {self.form}{self.number}"

    def question(self, language: str) -> str:
        return self.question_ru if language == "ru" else self.question_ky

    def choices(self, language: str) -> list[str]:
        return list(self.choices_ru if language == "ru" else self.choices_ky)


class KnowledgeResponse(models.Model):
    """One track's knowledge test taken by one girl in one round, filed under her
    pseudonymous survey code like the confidence survey. The score is worked out on
    the server when the answers arrive: ``score`` of ``items`` right, and ``percent``."""

    code = models.CharField(_("code"), max_length=16, db_index=True)
    track = models.CharField(_("track"), max_length=20, choices=Track.choices)
    round = models.CharField(_("round"), max_length=4, choices=SurveyRound.choices)
    form = models.CharField(_("form"), max_length=1, choices=KnowledgeForm.choices)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    score = models.PositiveSmallIntegerField(_("right answers"))
    items = models.PositiveSmallIntegerField(_("questions"))
    percent = models.FloatField(_("score in per cent"))
    submitted_at = models.DateTimeField(_("submitted at"))
    client_id = models.UUIDField(_("client id"), unique=True)

    class Meta:
        verbose_name = _("knowledge test taken")
        verbose_name_plural = _("knowledge tests taken")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "track", "round"], name="one_knowledge_test_per_round"
            ),
            models.CheckConstraint(
                condition=models.Q(score__lte=models.F("items")),
                name="knowledge_score_at_most_the_questions",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.track} {self.round}"


class KnowledgeAnswer(models.Model):
    """Her choice for one question: the choice's number as written (its identity, not
    the place it was shown in), and whether it was right when it was scored."""

    response = models.ForeignKey(
        KnowledgeResponse, verbose_name=_("test taken"), on_delete=models.CASCADE,
        related_name="answers",
    )
    number = models.PositiveSmallIntegerField(_("question number"))
    choice = models.PositiveSmallIntegerField(_("choice"))
    is_correct = models.BooleanField(_("right"))

    class Meta:
        verbose_name = _("knowledge-test answer")
        verbose_name_plural = _("knowledge-test answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "number"], name="one_knowledge_answer_per_question"
            )
        ]

    def __str__(self):
        return f"{self.response_id}: {self.number} = {self.choice}"
