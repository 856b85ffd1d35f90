"""Photos as a phone makes them: with EXIF, GPS position and an orientation tag."""

from io import BytesIO

from PIL import Image

GPS_IFD = 0x8825


def photo_with_gps(width=2400, height=1200, fmt="JPEG", orientation=1) -> bytes:
    image = Image.new("RGB", (width, height), (200, 60, 40))
    # A marker in the top-left corner, to check the picture is turned upright.
    image.paste((0, 0, 255), (0, 0, width // 4, height // 4))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = orientation  # Orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (42.0, 30.0, 0.0)  # Talas, roughly
    gps[3] = "E"
    gps[4] = (72.0, 14.0, 0.0)
    buffer = BytesIO()
    image.save(buffer, format=fmt, exif=exif)
    return buffer.getvalue()


def exif_of(data: bytes):
    image = Image.open(BytesIO(data))
    return image.getexif(), image.info
