"""PostgreSQL restarts while girls answer questions: nothing lost, nothing doubled.

    .venv/bin/python deploy/load/fault_postgres.py [--girls 150] [--seconds 60]

Girls send answers (each with its own client id, as the phones' offline queue does)
while PostgreSQL is restarted once (`pg_ctlcluster ... restart`). Every answer is
either acknowledged (a redirect) or refused (an error or no answer), in which case
the girl's queue sends it again, with the same client id, after the outage. At the
end the database must hold every answer exactly once, and the app (not restarted)
must answer /healthz again.

It restarts the machine's PostgreSQL: run it only when no one else is using it.
Uses the data of camp_morning.py (run that first, or pass --build).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (
    DATABASE,
    PG,
    Browser,
    Processes,
    Stats,
    build_camps,
    environment,
    new_id,
    start_app,
    start_redis,
)

CLUSTER = os.environ.get("PG_CLUSTER", "15 main").split()


def restart_postgres() -> float:
    started = time.monotonic()
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", *CLUSTER, "restart"],  # noqa: S603,S607
                   check=True, timeout=120)
    return time.monotonic() - started


async def run(data: dict, girls: int, seconds: float) -> int:
    stats = Stats()
    rows = [g for camp in data["camps"] for g in camp["girls"]][:girls]
    lesson = data["lessons"][0]
    answer_url = data["urls"]["courses:quiz_answer"].format(key=lesson["key"])
    acknowledged: set[str] = set()
    pending: list[tuple[list, str]] = []
    until = time.monotonic() + seconds

    async def girl(row):
        browser = Browser(stats, timeout=15)
        browser.cookies["sessionid"] = row[2]
        await browser.request("GET", lesson["url"], label="lesson page")
        while time.monotonic() < until:
            client_id = new_id()
            response = await browser.request("POST", answer_url, {
                "csrfmiddlewaretoken": browser.csrf(), "answer": "2", "client_id": client_id,
            }, label="answer")
            if response is not None and response.status in (302, 200):
                acknowledged.add(client_id)
            else:
                pending.append((row, client_id))
            await asyncio.sleep(random.uniform(1, 3))

    async def outage():
        await asyncio.sleep(seconds / 4)
        took = await asyncio.to_thread(restart_postgres)
        print(f"PostgreSQL restarted in {took:.1f} s", flush=True)

    await asyncio.gather(outage(), *(girl(row) for row in rows))
    print(f"answers acknowledged during the run: {len(acknowledged)}, refused: {len(pending)}")

    # The offline queues send the refused answers again, with the same client ids.
    retries = Stats()
    deadline = time.monotonic() + 60
    while pending and time.monotonic() < deadline:
        row, client_id = pending.pop(0)
        browser = Browser(retries, timeout=15)
        browser.cookies["sessionid"] = row[2]
        await browser.request("GET", lesson["url"], label="lesson page")
        response = await browser.request("POST", answer_url, {
            "csrfmiddlewaretoken": browser.csrf(), "answer": "2", "client_id": client_id,
        }, label="answer (again)")
        if response is not None and response.status in (302, 200):
            acknowledged.add(client_id)
        else:
            pending.append((row, client_id))
            await asyncio.sleep(0.5)

    stats.report("answers during the restart", wall=seconds)
    health = await Browser(Stats()).request("GET", "/healthz")
    print(f"/healthz after the restart: {health.status if health else 'no answer'}")

    import psycopg

    with psycopg.connect(f"{PG}/{DATABASE}") as conn:
        stored = [str(r[0]) for r in conn.execute("select client_id from courses_quizattempt")]
    counted = {cid: stored.count(cid) for cid in acknowledged}
    lost = [cid for cid, n in counted.items() if n == 0]
    doubled = [cid for cid, n in counted.items() if n > 1]
    unknown = set(stored) - acknowledged
    print(f"answers sent: {len(acknowledged) + len(pending)}; stored once: "
          f"{sum(1 for n in counted.values() if n == 1)}; lost: {len(lost)}; doubled: "
          f"{len(doubled)}; still refused after retries: {len(pending)}; "
          f"stored but never acknowledged: {len(unknown)}")
    ok = not lost and not doubled and not pending and health is not None and health.status == 200
    print("RESULT:", "nothing lost, nothing doubled" if ok else "FAILED")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--girls", type=int, default=150)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--build", action="store_true", help="build the camps anew")
    args = parser.parse_args()
    env = environment(redis=True)
    processes = Processes()
    try:
        start_redis(processes)
        data = build_camps(env, 50, 30, reuse=not args.build)
        import psycopg

        with psycopg.connect(f"{PG}/{DATABASE}", autocommit=True) as conn:
            conn.execute("delete from courses_quizattempt")
        start_app(processes, env)
        return asyncio.run(run(data, args.girls, args.seconds))
    finally:
        processes.stop_all()


if __name__ == "__main__":
    sys.exit(main())
