"""Copy a few journey screenshots into docs/screenshots/ for the README, small.

Run by ``make screenshots`` after the browser tests have saved their screenshots. The
phone screens are 360 px wide already; a palette of 64 colours keeps each file small.
"""

import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "screenshots"
TARGET = ROOT / "docs" / "screenshots"

FACILITATOR = "test_facilitator_plans_a_camp_enrols_a_class_takes_the_roll_and_issues_certificates"
GUARDIAN = "test_guardian_joins_by_invitation_and_sees_the_camp_and_next_session"
MANAGER = "test_manager_filters_the_impact_dashboard_by_region_and_exports_csv"

# README picture -> the journey step it shows (folder/file under screenshots/).
PICTURES = {
    "home-ky.png": "test_reader_follows_the_curriculum_in_both_languages/01-home-in-kyrgyz.png",
    "day-ru.png": "test_reader_follows_the_curriculum_in_both_languages/04-day.png",
    "lesson-ru.png": "test_reader_follows_the_curriculum_in_both_languages/05-lesson.png",
    "search-ky.png": "test_reader_follows_the_curriculum_in_both_languages/08-search-results.png",
    "girl-names-ky.png":
        "test_girl_signs_in_on_a_shared_phone_and_does_todays_lesson/02-the-girls-names.png",
    "girl-lessons-ky.png":
        "test_girl_signs_in_on_a_shared_phone_and_does_todays_lesson/04-my-lessons.png",
    "girl-quiz-ky.png":
        "test_girl_signs_in_on_a_shared_phone_and_does_todays_lesson/05-right-answer.png",
    "facilitator-pins-ky.png": FACILITATOR + "/05-new-pins.png",
    "facilitator-roll-ky.png": FACILITATOR + "/08-roll-call-taken.png",
    "facilitator-certificates-ky.png": FACILITATOR + "/11-certificates-issued.png",
    "guardian-family-ky.png": GUARDIAN + "/03-my-family.png",
    "manager-impact-ky.png": MANAGER + "/03-talas-only.png",
    "certificate-ky.png":
        "test_anyone_verifies_a_valid_and_a_revoked_certificate/02-valid-certificate.png",
}


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    missing = [step for step in PICTURES.values() if not (SOURCE / step).exists()]
    if missing:
        print("Run the browser tests first (make e2e); missing:", *missing, sep="\n  ")
        return 1
    for name, step in PICTURES.items():
        with Image.open(SOURCE / step) as shot:
            small = shot.convert("RGB")
            if small.width > 360:
                small = small.resize((360, round(small.height * 360 / small.width)))
            small = small.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
            small.save(TARGET / name, optimize=True)
        print(f"{TARGET / name}: {(TARGET / name).stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
