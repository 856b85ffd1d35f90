"""Content editors edit, translate, publish and unpublish every page of both languages
and keep the images and documents; nothing more (no users, camps or children's data).

Wagtail decides page, image and document access from these rows: page permissions on the
root page, collection permissions on the root collection, and the model permission that
Wagtail's simple translation asks for."""

from django.db import migrations

PAGE_ACTIONS = ["add", "change", "publish", "lock", "unlock"]
COLLECTION_MODELS = {
    "wagtailimages": "image",
    "wagtaildocs": "document",
}
COLLECTION_ACTIONS = ["add", "change", "delete", "choose"]


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return found


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    editors, _created = Group.objects.get_or_create(name="editor")
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for action in PAGE_ACTIONS:
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root_page,
                permission=permission(apps, "wagtailcore", "page", f"{action}_page"),
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, model in COLLECTION_MODELS.items():
            for action in COLLECTION_ACTIONS:
                GroupCollectionPermission.objects.get_or_create(
                    group=editors, collection=root_collection,
                    permission=permission(apps, app_label, model, f"{action}_{model}"),
                )
    editors.permissions.add(
        permission(apps, "simple_translation", "simpletranslation", "submit_translation")
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    editors = Group.objects.filter(name="editor").first()
    if editors is None:
        return
    GroupPagePermission.objects.filter(group=editors).delete()
    GroupCollectionPermission.objects.filter(group=editors).delete()
    editors.permissions.remove(*editors.permissions.filter(codename="submit_translation"))


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0005_role_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
