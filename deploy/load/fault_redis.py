"""Redis goes away and comes back: the site keeps serving, sign-in fails closed.

    .venv/bin/python deploy/load/fault_redis.py

Starts its own Redis on 127.0.0.1:6391 (never the shared one), the app under
gunicorn pointed at it, and checks, with Redis up, then stopped, then started again:
pages for signed-in girls, answers being stored, /healthz, and sign-in (which must
be refused while the rate-limit store is away, since wrong PINs could not be counted).
Uses the data of camp_morning.py (run that first, or pass --build).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (  # noqa: E402
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
    return {
        "lesson page": page.status if page else None,
        "answer": answer.status if answer else None,
        "healthz": health.status if health else None,
        "healthz?check=database": db_only.status if db_only else None,
        "sign-in succeeded": signed_in,
    }


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
        processes.stop(redis)
        time.sleep(1)
        away = asyncio.run(probe(data, stats, "away"))
        start_redis(processes)
        time.sleep(1)
        back = asyncio.run(probe(data, stats, "back"))
    finally:
        processes.stop_all()
    for name, result in (("Redis up", up), ("Redis away", away), ("Redis back", back)):
        print(f"{name:<11} {result}")
    ok = (
        up == {"lesson page": 200, "answer": 302, "healthz": 200,
               "healthz?check=database": 200, "sign-in succeeded": True}
        and away["lesson page"] == 200 and away["answer"] == 302
        and away["healthz"] == 503 and away["healthz?check=database"] == 200
        and away["sign-in succeeded"] is False
        and back == up
    )
    print("RESULT:", "pages served, answers stored, sign-in closed while Redis was away"
          if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
