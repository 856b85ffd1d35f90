"""The system commands some tests call (pdftotext, pdffonts, java), named when missing.

`make test` installs them first (scripts/system-packages.sh test); a test run some other
way says which package is missing instead of failing with a bare FileNotFoundError.
"""

import shutil

import pytest

PACKAGES = {"pdftotext": "poppler-utils", "pdffonts": "poppler-utils", "pdftoppm": "poppler-utils",
            "java": "default-jre-headless"}


def tool(name: str) -> str:
    """The path of the command, or a failure naming the package that brings it."""
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: install {PACKAGES[name]} "
                    "(scripts/system-packages.sh test does)", pytrace=False)
    return path
