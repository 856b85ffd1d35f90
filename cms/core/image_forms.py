"""The Wagtail admin's image form, hardened against files that only look like pictures.

Wagtail's image field recognises a format by the file's first bytes and then asks
Pillow for the size; a file that starts like a PNG but is cut short passes the first
check and makes the second raise, which the admin answered with a server error.
Here any failure to read the picture is the field's ordinary "not a valid image"
message, and the picture must then decode whole, exactly as ``cms.core.images`` will read
it when the original is stored (Pillow's "accept truncated files" switch, which
WeasyPrint turns on for the whole process, does not let a broken one through here).
Set as ``WAGTAILIMAGES_IMAGE_FORM_BASE`` in the settings.
"""

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .images import check_image


class SafeWagtailImageField(WagtailImageField):
    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
        except ValidationError:
            raise
        except Exception as error:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error
        check_image(f)


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            field.__class__ = SafeWagtailImageField
