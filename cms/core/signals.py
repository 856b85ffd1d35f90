"""Signal handlers of the kernel, connected in ``CmsConfig.ready()``."""

from django.db.models.signals import pre_save

from .images import strip_metadata


def clean_wagtail_image(sender, instance, update_fields=None, **kwargs):
    """Strip EXIF and GPS from a Wagtail image's original before it is recorded.

    Wagtail 8 writes the original to storage in two ways: the single-image form
    assigns an uncommitted file that the model's save writes, and the multiple
    upload view calls ``file.save(..., save=False)`` first, so the original is
    already in storage when the model is saved. Both pass here: a new or changed
    file is read back, cleaned, stored under a new name and the old one removed.
    """
    if update_fields is not None and "file" not in update_fields:
        return
    field_file = instance.file
    if not field_file or not field_file.name:
        return
    if instance.pk is not None and field_file._committed:
        stored = type(instance).objects.filter(pk=instance.pk).values_list("file", flat=True)
        if stored.first() == field_file.name:
            return  # the same original as before: cleaned when it arrived
    old_name = field_file.name if field_file._committed else None
    if field_file._committed:
        with field_file.storage.open(field_file.name, "rb") as stored_file:
            cleaned = strip_metadata(stored_file)
    else:
        cleaned = strip_metadata(field_file.file)
    stem = field_file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    extension = cleaned.name.rsplit(".", 1)[-1]
    field_file.save(f"{stem}.{extension}", cleaned, save=False)
    if old_name and old_name != field_file.name:
        field_file.storage.delete(old_name)
    instance.file_size = cleaned.size
    instance._set_file_hash()


def connect() -> None:
    from wagtail.images import get_image_model

    from . import content_cache

    content_cache.connect()
    pre_save.connect(
        clean_wagtail_image, sender=get_image_model(), dispatch_uid="cms.clean_wagtail_image"
    )
