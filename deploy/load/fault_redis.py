"""Redis goes away and comes back: the site keeps serving and every sign-in works.

    .venv/bin/python deploy/load/fault_redis.py

Starts its own Redis on 127.0.0.1:6391 (never the shared one), the app under
gunicorn pointed at it, and checks, with Redis up, then stopped, then started again:
pages for signed-in girls, answers being stored, /healthz, the staff sign-in, a girl
signing in on the PIN page, the certificate check (its limit counts in the database
while Redis is away), and how many lesson pages a second the app serves.
Uses the data of camp_morning.py (run that first, or pass --build).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (
    PASSWORD,
    Browser,
    Processes,
    Stats,
    build_camps,
    environment,
    new_id,
    start_app,
    start_redis,
)


async def probe(data: dict, stats: Stats, phase: str) -> dict:
    camp = data["camps"][0]
    row = camp["girls"][0]
    lesson = data["lessons"][0]
    girl = Browser(stats, timeout=60)
    girl.cookies["sessionid"] = row[2]
    page = await girl.request("GET", lesson["url"], label=f"{phase}: lesson page")
    answer = await girl.request("POST", data["urls"]["courses:quiz_answer"].format(
        key=lesson["key"]), {"csrfmiddlewaretoken": girl.csrf(), "answer": "2",
                             "client_id": new_id()}, label=f"{phase}: answer")
    health = await Browser(stats).request("GET", "/healthz", label=f"{phase}: healthz")
    db_only = await Browser(stats).request("GET", "/healthz?check=database",
                                           label=f"{phase}: healthz db")
    stranger = Browser(stats, timeout=60)
    signed_in = await stranger.sign_in(data["login"], camp["girls"][1][1], PASSWORD)
    print(f"{phase}: sign-in answered {dict(stats.statuses['sign in'])}", flush=True)
    stats.statuses.pop("sign in", None)
    pin_page, pin_signed_in = await pin_sign_in(stats, camp["girls"][2][1], phase)
    check = await Browser(stats).request("GET", "/ky/verify/TC0000000000/",
                                         label=f"{phase}: certificate check")
    return {
        "lesson page": page.status if page else None,
        "answer": answer.status if answer else None,
        "healthz": health.status if health else None,
        "healthz?check=database": db_only.status if db_only else None,
        "sign-in succeeded": signed_in,
        "PIN page": pin_page,
        "PIN sign-in succeeded": pin_signed_in,
        "certificate check": check.status if check else None,
    }


async def pin_sign_in(stats: Stats, username: str, phase: str) -> tuple[int | None, bool]:
    """A girl on the shared phone: the PIN page, then her username and PIN."""
    phone = Browser(stats, timeout=60)
    page = await phone.request("GET", "/ky/pin/", label=f"{phase}: PIN page")
    if page is None:
        return None, False
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
    sent = await phone.request("POST", "/ky/pin/", {
        "csrfmiddlewaretoken": token.group(1).decode() if token else phone.csrf(),
        "username": username, "pin": PASSWORD,
    }, label=f"{phase}: PIN sign-in")
    return page.status, bool(sent and sent.status == 302 and "sessionid" in phone.cookies)


async def throughput(data: dict, stats: Stats, seconds: float = 4, clients: int = 8) -> float:
    """Signed-in lesson pages a second, ``clients`` at a time for ``seconds``."""
    camp, lesson = data["camps"][1], data["lessons"][0]
    deadline, served = time.monotonic() + seconds, []

    async def one(row):
        girl = Browser(stats, timeout=30)
        girl.cookies["sessionid"] = row[2]
        while time.monotonic() < deadline:
            response = await girl.request("GET", lesson["url"], label="throughput")
            served.append(response is not None and response.status == 200)

    started = time.monotonic()
    await asyncio.gather(*(one(row) for row in camp["girls"][:clients]))
    return round(sum(served) / (time.monotonic() - started), 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", action="store_true")
    args = parser.parse_args()
    env = environment(redis=True)
    processes = Processes()
    try:
        redis = start_redis(processes)
        data = build_camps(env, 50, 30, reuse=not args.build)
        start_app(processes, env)
        stats = Stats()
        asyncio.run(Browser(stats, timeout=120).request("GET", data["lessons"][0]["url"]))  # warm
        up = asyncio.run(probe(data, stats, "up"))
        rates = {"up": asyncio.run(throughput(data, stats))}
        processes.stop(redis)
        time.sleep(1)
        away = asyncio.run(probe(data, stats, "away"))
        rates["away"] = asyncio.run(throughput(data, stats))
        start_redis(processes)
        time.sleep(6)  # the circuit breaker tries Redis again after 5 s
        back = asyncio.run(probe(data, stats, "back"))
        rates["back"] = asyncio.run(throughput(data, stats))
    finally:
        processes.stop_all()
    for name, result in (("Redis up", up), ("Redis away", away), ("Redis back", back)):
        print(f"{name:<11} {result}")
    print("lesson pages a second (8 at a time):", rates)
    server_errors = sum(count for label, statuses in stats.statuses.items()
                        for status, count in statuses.items() if status and status >= 500
                        and "healthz" not in label)
    expected = {"lesson page": 200, "answer": 302, "healthz": 200,
                "healthz?check=database": 200, "sign-in succeeded": True, "PIN page": 200,
                "PIN sign-in succeeded": True, "certificate check": 200}
    ok = (
        up == expected and back == expected
        and away == {**expected, "healthz": 503}
        and server_errors == 0
    )
    print(f"server errors (other than /healthz's 503): {server_errors}")
    print("RESULT:", "pages served, answers stored, every sign-in and the certificate check "
          "worked while Redis was away" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
