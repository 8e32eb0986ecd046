# The course's event-loop speed demo (chapter 4, loop_program.py): two producers put 250,000 items
# each on an asyncio.Queue and one consumer takes them, every sleep 0 s, nothing printed per item.
# `npm run bench` times it as the reference for `simulate --produce 0ms --process 0ms`.
import asyncio
import datetime


async def generate_data(num: int, data: asyncio.Queue):
    for idx in range(1, num + 1):
        await data.put((idx * idx, datetime.datetime.now()))
        await asyncio.sleep(0)


async def process_data(num: int, data: asyncio.Queue):
    for _ in range(num):
        value, t = await data.get()
        latency = datetime.datetime.now() - t
        await asyncio.sleep(0)


async def run(lim: int):
    data = asyncio.Queue()
    await asyncio.gather(generate_data(lim, data), generate_data(lim, data), process_data(2 * lim, data))


def main():
    lim = 250_000
    print(f"Running standard loop with {lim * 2:,} actions.")
    t0 = datetime.datetime.now()
    asyncio.run(run(lim))
    dt = datetime.datetime.now() - t0
    print(f"App exiting, total time: {dt.total_seconds():,.2f} sec.")


if __name__ == "__main__":
    main()
