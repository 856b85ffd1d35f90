"""Demo teaching content for ``load_demo``, in Kyrgyz and Russian.

The content is plain Python data so that editors' real content and the demo share one
loader (``courses.demo``). Each module keeps both languages side by side, so a missing
translation is visible in review.

Day modules (``day1`` .. ``day6``) define ``DAY``::

    DAY = {
        "number": 1,
        "slug": "day-1-soldering",            # one slug for both languages
        "ky": {"title": str, "theme": str, "intro": str,
               "goals": [str, ...], "materials": [str, ...],
               "timetable": [("09:00", "09:30", str), ...]},
        "ru": {... the same keys ...},
        "lessons": [
            {"slug": str, "track": one of TRACKS, "duration": minutes (int), "core": bool,
             "ky": {"title": str, "summary": str, "objectives": [str, ...], "body": [block, ...]},
             "ru": {... the same keys ...}},
        ],
    }

A body block is ``{"type": name, "value": ...}``:

- ``paragraph``: HTML string using only <p>, <b>, <i>, <ul>, <ol>, <li>, <h3>
- ``image``: {"image": drawing key, "alt": str, "caption": str}
- ``steps``: {"title": str, "steps": [{"text": str, "image": drawing key or None}, ...]}
- ``safety``: {"title": str, "text": HTML string}
- ``code``: {"language": "arduino" | "python" | "blocks" | "text", "code": str}
- ``download``: {"file": file key, "title": str, "description": str}
- ``video``: {"title": str, "url": str (may be ""), "transcript": HTML string}
- ``quiz``: {"question": str, "choices": [str, ...], "correct": 1-based int, "explanation": str}
- ``reflection``: {"prompt": str}

Drawings and files live in ``art_*`` modules: ``DRAWINGS = {key: callable -> PNG bytes}``
(drawn with Pillow, no words in the picture so one image serves both languages) and
``FILES = {key: (filename, bytes)}``.
"""

TRACKS = ["soldering", "modelling", "programming", "university", "softskills"]
