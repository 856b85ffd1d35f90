"""The drawings of the shipped content, made by code.

The curriculum, role-model stories, university guide and GALS introduction are files in
``courses/content`` (see docs/content.md). The pictures they name (``image: d1-circuit``)
are drawn here with Pillow, without words, so one picture serves both languages: each
``art_*`` module has ``DRAWINGS = {key: callable -> PNG bytes}``. A drawing is made once,
the first time a page needs it.
"""
