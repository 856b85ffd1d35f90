"""Wagtail's upload messages in Kyrgyz.

Wagtail ships no Kyrgyz catalogue, so an editor whose admin is in Kyrgyz would read
an image upload's refusal in English. The messages are named here, with Wagtail's own
wording as the message id, so that ``makemessages`` puts them in our catalogues;
Django then finds our translation when Wagtail asks for the message.
"""

from django.utils.translation import gettext_noop

WAGTAIL_UPLOAD_MESSAGES = [
    gettext_noop("Not a supported image format. Supported formats: %(supported_formats)s."),
    gettext_noop(
        "Not a valid .%(extension)s image. The extension does not match the file format "
        "(%(image_format)s)"
    ),
    gettext_noop("This file is too big (%(file_size)s). Maximum filesize %(max_filesize)s."),
    gettext_noop(
        "This file has too many pixels (%(num_pixels)s). Maximum pixels %(max_pixels_count)s."
    ),
    gettext_noop("This file is too big. Maximum filesize %(max_filesize)s."),
    gettext_noop(
        "Supported formats: %(supported_formats)s. Maximum filesize: %(max_upload_size)s."
    ),
    gettext_noop("Supported formats: %(supported_formats)s."),
]
