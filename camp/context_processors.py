"""What camp pages show alike, whichever view draws them."""

from . import scheduling


def server_today(request):
    """Today by the server's clock (Asia/Bishkek), never the phone's: camp pages show
    it and mark a day that is today by it."""
    return {"server_today": scheduling.today()}
