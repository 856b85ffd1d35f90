"""A camp morning for 50 camps at once, against gunicorn, PostgreSQL and Redis.

    .venv/bin/python deploy/load/camp_morning.py [--camps 50] [--girls 30] [--seconds 120]

Each facilitator takes the roll call of day 1 (30 girls); each girl opens a lesson,
reads it for 20-40 seconds, answers its question, marks it done and goes on to the
next lesson, until the time is up. Answers and ticks are sent as the lesson script
(static/js/learning.js) sends them from her phone, asking for JSON. Girls are
already signed in (as they would be after the first minutes of the morning); the
sign-in itself, the most expensive request by design (password hashing), is
measured apart on a sample of girls.
Prints requests per second, p50, p95 and errors for each phase, then the memory of the
app's master and workers (PSS and RSS).

Stays on 127.0.0.1: its own gunicorn (port 8765), its own Redis (6391), its own
database (techcamp_load, dropped and made anew). Stops by itself. LOAD_APP_PORT,
LOAD_REDIS_PORT and LOAD_DATABASE move it to other ports and another database, so two
runs on one machine stay apart. At the end it prints the CPU time of the load generator
(this process) beside the app's, since both share the machine's cores.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (
    PASSWORD,
    Browser,
    Processes,
    Stats,
    app_memory,
    build_camps,
    cpu_by_part,
    cpu_report,
    environment,
    new_id,
    redis_calls,
    redis_report,
    start_app,
    start_redis,
)


async def sign_in_sample(data: dict, count: int, concurrency: int, limit: float) -> dict:
    stats = Stats()
    girls = [g for camp in data["camps"] for g in camp["girls"]][:count]
    gate = asyncio.Semaphore(concurrency)
    refused = 0

    async def one(username: str):
        nonlocal refused
        async with gate:
            if not await Browser(stats).sign_in(data["login"], username, PASSWORD):
                refused += 1

    try:
        await asyncio.wait_for(asyncio.gather(*(one(g[1]) for g in girls)), limit)
    except TimeoutError:
        print(f"sign-in sample stopped after {limit:.0f} s", flush=True)
    summary = stats.report(f"sign-in: {len(girls)} girls, {concurrency} at a time")
    print(f"sign-ins refused: {refused}")
    return summary


async def facilitator(camp: dict, stats: Stats):
    browser = Browser(stats)
    browser.cookies["sessionid"] = camp["facilitator"][1]
    page = await browser.request("GET", camp["roll_call"], label="roll call page")
    if page is None or page.status != 200:
        return
    form = {"csrfmiddlewaretoken": browser.csrf(), "confirm": "1"}
    for pk, _username, _session in camp["girls"]:
        form[f"status-{pk}"] = "present" if random.random() < 0.9 else "absent"
        form[f"client-{pk}"] = new_id()
    await browser.request("POST", camp["roll_call"], form, label="roll call save")


async def girl(data: dict, girl_row: list, stats: Stats, until: float, ramp: float):
    browser = Browser(stats)
    browser.cookies["sessionid"] = girl_row[2]
    lessons = data["lessons"]
    done_url, answer_url = data["urls"]["courses:lesson_done"], data["urls"]["courses:quiz_answer"]
    await asyncio.sleep(random.uniform(0, ramp))
    number = random.randrange(len(lessons))
    while time.monotonic() < until:
        lesson = lessons[number % len(lessons)]
        page = await browser.request("GET", lesson["url"], label="lesson page")
        if page is None:
            await asyncio.sleep(random.uniform(10, 20))
            continue
        await asyncio.sleep(random.uniform(20, 40))
        if time.monotonic() >= until:
            break
        token = browser.csrf()
        if answer_url:
            await browser.request("POST", answer_url.format(key=lesson["key"]), {
                "csrfmiddlewaretoken": token, "answer": "2", "client_id": new_id(),
            }, label="answer", script=True)
        if done_url:
            await browser.request("POST", done_url.format(key=lesson["key"]), {
                "csrfmiddlewaretoken": token, "client_id": new_id(),
            }, label="lesson done", script=True)
        number += 1


async def morning(data: dict, seconds: float, ramp: float) -> dict:
    stats = Stats()
    until = time.monotonic() + seconds
    tasks = [facilitator(camp, stats) for camp in data["camps"]]
    tasks += [girl(data, g, stats, until, ramp) for camp in data["camps"] for g in camp["girls"]]
    try:
        await asyncio.wait_for(asyncio.gather(*tasks), seconds + 60)
    except TimeoutError:
        print("the morning was cut off at its time limit", flush=True)
    girls = sum(len(c["girls"]) for c in data["camps"])
    return stats.report(f"camp morning: {len(data['camps'])} camps, {girls} girls, "
                        f"{seconds:.0f} s", wall=seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--camps", type=int, default=50)
    parser.add_argument("--girls", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--ramp", type=float, default=60,
                        help="girls start within this many seconds")
    parser.add_argument("--sign-in-sample", type=int, default=60)
    parser.add_argument("--sign-in-concurrency", type=int, default=8)
    parser.add_argument("--reuse", action="store_true", help="keep the last database built")
    parser.add_argument("--only", type=int, default=0,
                        help="take part with only this many of the camps built")
    args = parser.parse_args()

    env = environment(redis=True)
    processes = Processes()
    try:
        redis = start_redis(processes)
        started = time.monotonic()
        data = build_camps(env, args.camps, args.girls, args.reuse)
        print(f"built {args.camps} camps of {args.girls} girls in "
              f"{time.monotonic() - started:.0f} s; endpoints: {data['urls']}", flush=True)
        if args.only:
            data["camps"] = data["camps"][: args.only]
        app = start_app(processes, env)
        # Girls' own browsers need a CSRF cookie: the pages set it when they show a form.
        asyncio.run(sign_in_sample(data, args.sign_in_sample, args.sign_in_concurrency, 120))
        before, calls, started = cpu_by_part(app, redis), redis_calls(), time.monotonic()
        summary = asyncio.run(morning(data, args.seconds, args.ramp))
        print(cpu_report(before, cpu_by_part(app, redis), time.monotonic() - started),
              flush=True)
        print(redis_report(calls, redis_calls(), summary["requests"]), flush=True)
        print("memory after the morning (goal: at most 150 MB PSS a worker):\n"
              + app_memory(app), flush=True)
    finally:
        processes.stop_all()
    return 0 if summary["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
